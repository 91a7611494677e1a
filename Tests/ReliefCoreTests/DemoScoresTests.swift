import Testing
@testable import ReliefCore

@Suite struct DemoScoresTests {
    private let today = CalendarDate(year: 2026, month: 11, day: 23)!

    @Test func everyDemoResponseIsOneTheFormWouldAcceptWithTheEnginesScore() throws {
        // setup
        let patients = (0..<400).map { DemoScores.generate(index: $0, seed: 1, today: today, male: $0 % 2 == 0, onOpioid: $0 % 3 == 0) }
        // act / check
        for submissions in patients {
            for submission in submissions {
                let definition = try #require(QuestionnaireCatalogue.definition(submission.questionnaire))
                var fields = FormFields(submission.answers.map { ($0.key, String($0.value)) })
                fields.set(QuestionnaireSubmission.completedOnField, submission.completedOn.description)
                let (parsed, problems) = QuestionnaireSubmission.parse(definition, fields, today: today)
                #expect(problems.isEmpty, "\(submission.questionnaire): \(problems)")
                #expect(parsed == submission)
                #expect(submission.completedOn < today)
            }
        }
    }

    @Test func aThirdHaveBeenSeenAndTheirCourseIsCoherent() {
        // setup / act
        let patients = (0..<600).map { DemoScores.generate(index: $0, seed: 3, today: today, male: false, onOpioid: $0 % 2 == 0) }
        let seen = patients.filter { !$0.isEmpty }
        // check
        #expect((150...270).contains(seen.count))
        for (index, submissions) in patients.enumerated() where !submissions.isEmpty {
            let pain = submissions.filter { $0.questionnaire == "pain-intensity" }
            #expect(pain.map(\.completedOn) == pain.map(\.completedOn).sorted())
            #expect(submissions.filter { $0.questionnaire == "phq-9" }.count == 1)
            #expect(submissions.allSatisfy { $0.questionnaire != "phq-9" || $0.answers["phq-9-9"] == 0 })
            #expect(submissions.contains { $0.questionnaire == "ort" } == (index % 2 == 0))
            #expect(submissions.filter { $0.questionnaire == "percent-relief" }.count == pain.count - 1)
        }
        let improved = seen.filter { submissions in
            let pain = submissions.filter { $0.questionnaire == "pain-intensity" }.map(\.score.score)
            return pain.count > 1 && pain.last! < pain.first!
        }
        #expect(improved.count > seen.count / 3)
    }
}

extension DemoScoresTests {
    @Test func demoDiagnosesAreValidProblemListEntries() throws {
        // setup / act
        let lists = (0..<300).map { DemoChartLists.diagnoses(index: $0, seed: 1, today: today) }
        // check
        for diagnoses in lists {
            #expect((1...2).contains(diagnoses.count))
            for diagnosis in diagnoses {
                let (parsed, problems) = DiagnosisEntry.parse(diagnosis.fields, today: today)
                #expect(problems.isEmpty, "\(diagnosis.label): \(problems)")
                #expect(parsed == diagnosis)
            }
            #expect(diagnoses.count < 2 || diagnoses[0].problems(alongside: [diagnoses[1]]).isEmpty)
        }
        #expect(lists.flatMap { $0 }.contains { $0.conditionCode == nil })
    }
}

extension DemoScoresTests {
    @Test func demoEvaluationsPassTheFormAndFollowTheDiagnosisAndScores() throws {
        // setup / act
        var evaluated = 0
        for index in 0..<300 {
            let scores = DemoScores.generate(index: index, seed: 5, today: today, male: true, onOpioid: false)
            let diagnoses = scores.isEmpty ? [] : DemoChartLists.diagnoses(index: index, seed: 5, today: today)
            let visits = DemoEvaluations.generate(index: index, seed: 5, diagnosis: diagnoses.first, scores: scores, age: 50)
            // check
            #expect(visits.isEmpty == scores.isEmpty)
            guard let first = visits.first else { continue }
            evaluated += 1
            let (parsed, problems) = EvaluationForm.parse(EvaluationForm.fields(first.content), today: today)
            #expect(problems.isEmpty, "\(problems)")
            #expect(parsed == first.content)
            #expect(!first.content.painMap.isEmpty && first.content.positiveRedFlags.isEmpty)
            #expect(first.content.onsetDate!.latest < first.date)
            #expect(first.content.painMap.map(\.intensity).max()! <= first.content.painWorst!)
            if visits.count == 2 {
                #expect(visits[1].kind == .followUp && visits[1].date > first.date)
            }
        }
        #expect(evaluated > 50)
    }
}

extension DemoScoresTests {
    @Test func demoWorkupPassesItsFormsAndRunsInOrder() throws {
        // setup / act
        var statuses: Set<OrderStatus> = []
        var (waiting, overdue) = (0, 0)
        for index in 0..<400 {
            let diagnosis = DemoChartLists.diagnoses(index: index, seed: 2, today: today)[0]
            let items = DemoWorkup.generate(index: index, seed: 2, diagnosis: diagnosis, firstVisit: today.adding(days: -(index % 120)),
                                            onOpioid: index % 3 == 0, today: today)
            // check
            for item in items {
                statuses.insert(item.status)
                #expect(WorkupOrder.parse(item.order.fields, today: today).0 == item.order, "\(item.order)")
                if let result = item.result {
                    #expect(WorkupResult.parse(result.fields, today: today).0 == result)
                    #expect(item.orderedOn <= result.resultedOn && result.resultedOn <= today)
                }
                #expect((item.result == nil) == item.status.isOpen)
                #expect((item.reviewComment != nil) == (item.status == .reviewed))
                #expect(item.reviewedOn.map { $0 <= today } ?? true)
                #expect(today.adding(days: -(index % 120)) <= item.orderedOn && item.orderedOn <= today)
                if item.status != .reviewed {
                    waiting += 1
                    if WorkupDeadlines().isOverdue(status: item.status, orderedOn: item.orderedOn, resultedOn: item.result?.resultedOn, today: today) {
                        overdue += 1
                    }
                }
            }
        }
        #expect(statuses == [.ordered, .scheduled, .resulted, .reviewed])
        // a worklist with work on it, some of it late, most of it not
        #expect(waiting > 20 && overdue > 0 && overdue * 2 < waiting, "\(overdue) of \(waiting) overdue")
    }
}
