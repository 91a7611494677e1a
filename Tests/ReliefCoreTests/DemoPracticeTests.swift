import Testing
@testable import ReliefCore

@Suite struct DemoPracticeTests {
    let today = CalendarDate(year: 2026, month: 11, day: 23)!

    @Test func theSameSeedGivesTheSamePatients() {
        // act
        let first = (0..<50).map { DemoPractice.patient(index: $0, seed: 7, today: today) }
        let second = (0..<50).map { DemoPractice.patient(index: $0, seed: 7, today: today) }
        let other = (0..<50).map { DemoPractice.patient(index: $0, seed: 8, today: today) }
        // check
        #expect(first == second)
        #expect(first != other)
    }

    @Test func everyDemoPatientPassesValidation() {
        // act
        let problems = (0..<2_000).map { DemoPractice.patient(index: $0, seed: 1, today: today).problems(today: today) }
        // check
        #expect(problems.allSatisfy { $0.isEmpty })
    }

    @Test func demographicsLookLikeAPainClinic() {
        // setup
        let patients = (0..<2_000).map { DemoPractice.patient(index: $0, seed: 3, today: today) }
        // act
        let ages = patients.compactMap { $0.birthDate?.years(until: today) }
        let women = patients.filter { $0[.sexAtBirth] == SexAtBirth.female.rawValue }.count
        // check
        #expect(ages.allSatisfy { (18...95).contains($0) })
        #expect((45...65).contains(ages.reduce(0, +) / ages.count))
        #expect((1_000...1_400).contains(women))
    }

    @Test func thereIsAStaffMemberOfEveryStaffRole() {
        // act / check
        #expect(Set(DemoPractice.staff.map(\.role)) == Set(Role.staff))
        #expect(DemoPractice.staff.allSatisfy { PasswordPolicy.problem(with: $0.password) == nil })
    }
}

@Suite struct RequestMetricsTests {
    @Test func countsAndBucketsByRoute() {
        // setup
        let metrics = RequestMetrics()
        // act
        metrics.record(method: "GET", route: "/patients/:id", status: 200, seconds: 0.004)
        metrics.record(method: "GET", route: "/patients/:id", status: 200, seconds: 0.2)
        metrics.record(method: "POST", route: "/login", status: 500, seconds: 0.01)
        let text = metrics.prometheusText()
        // check
        #expect(text.contains("relief_http_requests_total{method=\"GET\",route=\"/patients/:id\",status=\"200\"} 2"))
        #expect(text.contains("relief_http_request_duration_seconds_bucket{method=\"GET\",route=\"/patients/:id\",status=\"200\",le=\"0.005\"} 1"))
        #expect(text.contains("relief_http_request_duration_seconds_bucket{method=\"GET\",route=\"/patients/:id\",status=\"200\",le=\"0.25\"} 2"))
        #expect(text.contains("relief_http_errors_total 1"))
    }
}

@Suite struct StaffAccountInputTests {
    @Test func aGoodAccountHasNoProblems() {
        // act / check
        #expect(StaffAccountInput(name: " Priya  Raman ", email: " Priya@Clinic.org", role: "physician").problems().isEmpty)
    }

    @Test func patientsAreNotStaff() {
        // act / check
        #expect(StaffAccountInput(name: "P", email: "p@x.org", role: "patient").problems()["role"] != nil)
        #expect(StaffAccountInput(name: "", email: "nope", role: "").problems().count == 3)
    }
}

@Suite struct DemoChartListsTests {
    let today = CalendarDate(year: 2026, month: 11, day: 23)!

    @Test func demoChartListsAreValidEntriesThatAFormWouldAccept() {
        // setup
        let lists = (0..<500).map { DemoChartLists.generate(index: $0, seed: 5, age: 40 + $0 % 45, today: today) }
        // act
        let medications = lists.flatMap(\.medications), allergies = lists.flatMap(\.allergies), treatments = lists.flatMap(\.treatments)
        // check
        #expect(medications.allSatisfy { MedicationEntry.parse($0.fields, today: today).entry == $0 })
        #expect(allergies.allSatisfy { AllergyEntry.parse($0.fields, today: today).entry == $0 })
        #expect(treatments.allSatisfy { PriorTreatmentEntry.parse($0.fields, today: today).entry == $0 })
    }

    @Test func demoProceduresDoneElsewhereFitTheDiagnosisAndAFormWouldAcceptThem() {
        // setup
        let done = (0..<400).map { index in
            (DemoChartLists.diagnoses(index: index, seed: 5, today: today)[0],
             DemoChartLists.priorProcedures(index: index, seed: 5, diagnosis: DemoChartLists.diagnoses(index: index, seed: 5, today: today)[0], today: today))
        }
        // act
        let procedures = done.flatMap(\.1)
        // check
        #expect(procedures.count > 40)
        #expect(procedures.allSatisfy { PriorProcedureEntry.parse($0.fields, today: today).entry == $0 })
        for (diagnosis, procedures) in done {
            let treats = Set(PainKind.of(diagnosis.conditionCode ?? ""))
            #expect(procedures.allSatisfy { !treats.isDisjoint(with: InterventionCatalogue.intervention($0.intervention)!.indications) })
        }
        #expect(Set(procedures.map(\.intervention)).isSuperset(of: ["esi-transforaminal-lumbar", "medial-branch-block-lumbar", "facet-rfa-lumbar"]))
    }

    @Test func demoListsAreClinicallyCoherent() {
        // setup
        let young = (0..<400).map { DemoChartLists.generate(index: $0, seed: 9, age: 40, today: today) }
        let old = (0..<400).map { DemoChartLists.generate(index: $0, seed: 9, age: 75, today: today) }
        // act
        let opioidShare = Double(young.filter { !OpioidSummary($0.medications).lines.isEmpty }.count) / 400
        let youngAnticoagulated = young.filter { $0.medications.contains { $0.drug?.isA(.anticoagulant) == true } }.count
        let oldAntithrombotic = old.filter { $0.medications.contains { $0.drug.map { $0.isA(.anticoagulant) || $0.isA(.antiplatelet) } == true } }.count
        let triedPhysicalTherapy = Double(young.filter { $0.treatments.contains { $0.treatmentKind == .physicalTherapy } }.count) / 400
        // check
        #expect((0.25...0.40).contains(opioidShare))
        #expect(youngAnticoagulated == 0)
        #expect(oldAntithrombotic > 50)
        #expect(triedPhysicalTherapy > 0.7)
        #expect(young.filter { !$0.earlierMME.isEmpty }.allSatisfy { !OpioidSummary($0.medications).lines.isEmpty })
    }
}

@Suite struct DemoPlansTests {
    let today = CalendarDate(year: 2026, month: 11, day: 23)!

    @Test func demoPlansFitTheDiagnosisAndRoundTripThroughTheForm() {
        // setup
        let plans = (0..<300).compactMap { index -> (DiagnosisEntry, CarePlanContent)? in
            let diagnosis = DemoChartLists.diagnoses(index: index, seed: 3, today: today)[0]
            return DemoPlans.plan(index: index, seed: 3, diagnosis: diagnosis, firstVisit: today.adding(days: -60), onOpioid: index % 3 == 0).map { (diagnosis, $0) }
        }
        // act / check
        #expect(plans.count > 120)
        for (diagnosis, plan) in plans {
            let kinds = Set(PainKind.of(diagnosis.conditionCode ?? ""))
            let procedures = plan.components.compactMap { InterventionCatalogue.intervention($0.intervention) }.filter(\.isProcedure)
            #expect(procedures.allSatisfy { !kinds.isDisjoint(with: $0.indications) }, "\(diagnosis.code)")
            #expect(plan.components.contains { $0.intervention == "physical-therapy" })
            // A plan read back through its form is the same plan (the form's start-date rule judged as of its start).
            #expect(CarePlanContent.parse(plan.fields, today: plan.startOn).0 == plan)
        }
    }

    @Test func demoInsuranceAuthorisationsAndConsentsAreWhatTheFormsWouldAccept() {
        // setup
        let patients = (0..<300).map { index -> (coverages: [CoverageEntry], plan: CarePlanContent?) in
            let diagnosis = DemoChartLists.diagnoses(index: index, seed: 3, today: today)[0]
            return (DemoCoverage.coverages(index: index, seed: 3, age: 30 + index % 60, subscriber: "Ana Diaz", today: today),
                    DemoPlans.plan(index: index, seed: 3, diagnosis: diagnosis, firstVisit: today.adding(days: index.isMultiple(of: 2) ? -60 : 0), onOpioid: false))
        }
        // act
        let coverages = patients.flatMap(\.coverages)
        let authorizations = patients.flatMap { patient in
            patient.plan.map { DemoCoverage.authorizations(index: 0, seed: 3, plan: $0, primary: patient.coverages.first, today: today) } ?? []
        }
        let consents = patients.compactMap(\.plan).flatMap { plan in
            var facts = PatientFacts()
            facts.diagnoses = [DemoChartLists.diagnoses(index: 0, seed: 3, today: today)[0]]
            return DemoConsents.consents(index: plan.goals.count + plan.components.count, seed: 3, plan: plan, facts: facts, today: today)
        }
        // check
        #expect(patients.allSatisfy { $0.coverages.count >= 1 && $0.coverages.first?.priority == .primary })
        #expect(Set(coverages.map(\.payerKind)).isSuperset(of: [.medicare, .commercial, .medicaid, .selfPay]))
        #expect(coverages.allSatisfy { CoverageEntry.parse($0.fields, today: today).entry == $0 })
        #expect(!authorizations.isEmpty && authorizations.allSatisfy { PriorAuthorizationEntry.parse($0.fields, today: today).entry == $0 })
        #expect(authorizations.contains { $0.warning(today: today) != nil } && authorizations.contains { $0.warning(today: today) == nil })
        #expect(Set(consents.map(\.status)) == [.active, .proposed] && consents.allSatisfy { $0.terms.validUntil > $0.terms.plannedOn })
        #expect(DemoCoverage.fees.fees.count == FeeSchedule.codes.count)
    }
}

