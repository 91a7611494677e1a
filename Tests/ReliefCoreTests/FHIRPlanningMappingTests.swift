import Foundation
import Testing
@testable import ReliefCore

/// Work-up orders and their results, treatment plans with their goals and team, as FHIR resources.
@Suite struct FHIRPlanningMappingTests {
    private let patient = UUID()
    private let orderID = UUID()

    private func header(_ id: UUID, version: Int = 3) -> FHIRRecordHeader {
        FHIRRecordHeader(id: id, patientID: patient, version: version, recorded: Date(timeIntervalSince1970: 1_790_000_000),
                         updated: Date(timeIntervalSince1970: 1_790_100_000))
    }

    private func member(_ resource: JSONValue, _ path: String...) -> JSONValue? {
        path.reduce(Optional(resource)) { value, key in
            if let index = Int(key), case .array(let items)? = value { return items.indices.contains(index) ? items[index] : nil }
            return value?.object?[key]
        }
    }

    @Test func aResultedOrderIsACompletedServiceRequestWithAReportBasedOnIt() throws {
        // setup
        let order = WorkupOrder(test: .mri, region: .lumbar, contrast: .without, reason: "Left L5 radiculopathy", priority: .urgent)
        let result = WorkupResult(report: "L4-5 left paracentral protrusion.", resultedOn: CalendarDate("2026-11-10")!,
                                  findings: [Finding(kind: .discHerniation, level: .l45, side: .left)], abnormal: true)
        let stored = FHIRServiceRequest.Order(order: order, status: .resulted, orderedOn: CalendarDate("2026-11-01")!, scheduledFor: CalendarDate("2026-11-08"),
                                              result: result, reviewComment: nil, cancelReason: nil, orderer: UUID())
        // act
        let request = FHIRServiceRequest.record(stored, header(orderID), timeZone: .current)
        let report = try #require(FHIRServiceRequest.report(stored, header(orderID), timeZone: .current))
        let open = FHIRServiceRequest.report(FHIRServiceRequest.Order(order: order, status: .scheduled, orderedOn: CalendarDate("2026-11-01")!, scheduledFor: nil,
                                                                      result: nil, reviewComment: nil, cancelReason: nil, orderer: nil), header(orderID), timeZone: .current)
        // check
        #expect(member(request.resource, "status") == "completed" && member(request.resource, "intent") == "order" && member(request.resource, "priority") == "urgent")
        #expect(member(request.resource, "code", "coding", "0", "code") == "mri" && member(request.resource, "authoredOn") == "2026-11-01")
        #expect(member(request.resource, "meta", "profile", "0") == "http://hl7.org/fhir/us/core/StructureDefinition/us-core-servicerequest")
        #expect(report.id == orderID.lowercasedText + "-report" && member(report.resource, "basedOn", "0", "reference") == .string("ServiceRequest/\(orderID.lowercasedText)"))
        #expect(member(report.resource, "category", "0", "coding", "0", "code") == "RAD" && member(report.resource, "effectiveDateTime") == "2026-11-10")
        #expect(member(report.resource, "conclusion")?.string?.hasSuffix("Findings: Disc herniation L4-5 left.") == true)
        #expect(member(report.resource, "conclusionCode", "0", "coding", "0", "code") == "A" && open == nil)
        #expect(FHIRResourceType.diagnosticReport.storedID(report.id) == orderID)
    }

    @Test func aPlanVersionIsACarePlanWithItsGoalsAndTeam() throws {
        // setup
        let planID = UUID(), previous = UUID()
        let epidural = InterventionSite(intervention: InterventionCatalogue.intervention("esi-transforaminal-lumbar")!, region: .lumbar,
                                        levels: [ProcedureLevel("L4-L5")!], side: .left)
        let content = CarePlanContent(title: "Left L5 radicular pain <relief>", startOn: CalendarDate("2026-11-20")!, goals: [
            PlanGoal(text: "Walk the dog again", measure: .painIntensity, target: 3, targetDate: CalendarDate("2027-02-01")),
            PlanGoal(text: "Off oxycodone", measure: .dailyMME, target: 0, status: .achieved),
        ], components: [PlanComponent(epidural, phase: .painReduction, sequence: 1, responsible: "Dr Ames", startOn: CalendarDate("2026-11-25"))])
        // act
        let records = FHIRCarePlan.records(FHIRCarePlan.Version(content: content, status: .active, author: UUID(), replaces: previous), header(planID),
                                           timeZone: .current)
        // check
        #expect(records.map(\.type) == [.carePlan, .goal, .goal, .careTeam])
        let plan = records[0].resource
        #expect(member(plan, "status") == "active" && member(plan, "intent") == "plan" && member(plan, "category", "0", "coding", "0", "code") == "assess-plan")
        #expect(member(plan, "text", "div")?.string?.contains("&lt;relief&gt;") == true, "the narrative escapes the title")
        #expect(member(plan, "replaces", "0", "reference") == .string("CarePlan/\(previous.lowercasedText)"))
        #expect(member(plan, "goal", "1", "reference") == .string("Goal/\(planID.lowercasedText)-goal-2"))
        #expect(member(plan, "activity", "0", "detail", "code", "coding", "0", "code") == "esi-transforaminal-lumbar")
        #expect(member(plan, "activity", "0", "detail", "status") == "not-started" && member(plan, "careTeam", "0", "reference") == .string("CareTeam/\(records[3].id)"))
        #expect(member(records[1].resource, "target", "0", "measure", "coding", "0", "code") == "72514-3")
        #expect(member(records[1].resource, "target", "0", "dueDate") == "2027-02-01" && member(records[1].resource, "lifecycleStatus") == "active")
        #expect(member(records[2].resource, "lifecycleStatus") == "completed" && member(records[2].resource, "achievementStatus", "coding", "0", "code") == "achieved")
        #expect(member(records[3].resource, "participant", "0", "member", "display") == "Dr Ames")
    }
}

/// Signatures as Provenances, and asking for them beside a search.
@Suite struct FHIRProvenanceTests {
    @Test func aSignedRecordHasAProvenanceNamingItsSigners() {
        // setup
        let record = UUID(), patient = UUID(), physician = UUID()
        let header = FHIRRecordHeader(id: record, patientID: patient, version: 2, recorded: Date(timeIntervalSince1970: 0), updated: Date(timeIntervalSince1970: 10))
        // act
        let provenance = FHIRProvenance.record(target: (.consent, record.lowercasedText), recorded: Date(timeIntervalSince1970: 5), signers: [
            .init(reference: nil, name: "Ana Ruiz (daughter)", role: "legal"), .init(reference: FHIR.reference(.practitioner, physician.lowercasedText), role: "verifier"),
        ], header)
        // check
        let agents = provenance.resource.object?["agent"]?.array ?? []
        #expect(provenance.id == record.lowercasedText + "-signed" && provenance.patientID == patient)
        #expect(agents.first?.object?["who"]?.object?["display"] == "Ana Ruiz (daughter)")
        #expect(agents.last?.object?["who"]?.object?["reference"] == .string("Practitioner/\(physician.lowercasedText)"))
        #expect(provenance.tokens["target"]?.first?.code == "Consent/\(record.lowercasedText)" && provenance.resource.object?["recorded"] == "1970-01-01T00:00:05.000Z")
    }

    @Test func onceThePracticeIsNamedItsStaffSignOnItsBehalfAsUSCoreAsks() {
        // setup
        let record = UUID(), patient = UUID(), physician = UUID()
        let header = FHIRRecordHeader(id: record, patientID: patient, version: 1, recorded: Date(timeIntervalSince1970: 0), updated: Date(timeIntervalSince1970: 0))
        let signers: [FHIRProvenance.Signer] = [.init(reference: FHIR.reference(patient: patient), role: "legal"),
                                                 .init(reference: FHIR.reference(.practitioner, physician.lowercasedText), role: "verifier")]
        // act
        let named = FHIRProvenance.record(target: (.consent, record.lowercasedText), recorded: Date(timeIntervalSince1970: 5), signers: signers,
                                          organization: FHIROrganization.id, header)
        let unnamed = FHIRProvenance.record(target: (.consent, record.lowercasedText), recorded: Date(timeIntervalSince1970: 5), signers: signers, header)
        // check
        let agents = named.resource.object?["agent"]?.array ?? []
        #expect(agents.map { $0.object?["onBehalfOf"]?.object?["reference"] } == [nil, .string("Organization/practice")], "the patient acts for no one")
        #expect(named.resource.object?["meta"]?.object?["profile"]?.array == [.string(FHIRProvenance.usCoreProfile)])
        #expect(unnamed.resource.object?["meta"]?.object?["profile"] == nil)
        #expect((unnamed.resource.object?["agent"]?.array ?? []).allSatisfy { $0.object?["onBehalfOf"] == nil })
    }

    @Test func onlyProvenanceTargetIsReverseIncluded() {
        // act
        let good = FHIRSearch.parse(.procedure, [("patient", UUID().uuidString), ("_revinclude", "Provenance:target")], timeZone: .current)
        let bad = FHIRSearch.parse(.procedure, [("patient", UUID().uuidString), ("_revinclude", "Provenance:entity")], timeZone: .current)
        let ofItself = FHIRSearch.parse(.provenance, [("patient", UUID().uuidString), ("_revinclude", "Provenance:target")], timeZone: .current)
        // check
        #expect((try? good.get())?.includesProvenance == true)
        #expect((try? bad.get()) == nil && (try? ofItself.get()) == nil)
    }
}

/// The audit trail's actions in FHIR's words.
@Suite struct FHIRAuditEventMappingTests {
    @Test(arguments: [("record.create", "C"), ("patient.view", "R"), ("fhir.export", "R"), ("patient.search", "E"), ("login.failure", "E"),
                      ("record.entered-in-error", "D"), ("patient.update", "U"), ("note.sign", "U")])
    func anActionIsWhatItsLastWordSays(action: String, fhir: String) {
        #expect(FHIRAuditEvent.action(action) == fhir)
    }

    @Test func aFailedSignInIsAUserAuthenticationWithItsAddress() {
        // act
        let event = FHIRAuditEvent.record(.init(id: UUID(), occurredAt: Date(timeIntervalSince1970: 0), action: "login.failure", actionTitle: "Failed sign-in",
                                                succeeded: false, userID: nil, userIsPractitioner: false, userEmail: "someone@example.org", role: nil,
                                                ip: "203.0.113.9", userAgent: "curl", patientID: nil, resourceType: nil, resourceID: nil, detail: nil)).resource
        // check
        #expect(event.object?["type"]?.object?["code"] == "110114" && event.object?["outcome"] == "4")
        let agent = event.object?["agent"]?.array?.first?.object
        #expect(agent?["who"]?.object?["display"] == "someone@example.org" && agent?["network"]?.object?["address"] == "203.0.113.9")
        #expect(event.object?["entity"] == nil)
    }
}
