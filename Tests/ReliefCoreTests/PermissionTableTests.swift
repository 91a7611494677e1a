import Testing
@testable import ReliefCore

@Suite struct PermissionTableTests {
    @Test func anonymousRoutesAreOpenToEveryone() {
        // setup
        let everyone: [Role?] = [nil] + Role.allCases
        // act
        let allowed = everyone.map { PermissionTable.allows($0, .anonymous) }
        // check
        #expect(allowed.allSatisfy { $0 })
    }

    @Test func signedInRoutesNeedAUser() {
        // act / check
        #expect(!PermissionTable.allows(nil, .signedIn))
        #expect(Role.allCases.allSatisfy { PermissionTable.allows($0, .signedIn) })
    }

    @Test func nobodyWithoutASessionHoldsAnAction() {
        // act / check
        #expect(Action.allCases.allSatisfy { !PermissionTable.allows(nil, .action($0)) })
    }

    @Test func administratorsManageAccountsButDoNotOpenCharts() {
        // act / check
        #expect(PermissionTable.allows(.admin, .userManage))
        #expect(PermissionTable.allows(.admin, .auditView))
        #expect(!PermissionTable.allows(.admin, .patientRead))
    }

    @Test func therapistsReadChartsButDoNotChangeRegistration() {
        // act / check
        #expect(PermissionTable.allows(.therapist, .patientRead))
        #expect(!PermissionTable.allows(.therapist, .patientRegister))
    }

    @Test func clinicalStaffNeitherManageUsersNorReadTheAuditTrail() {
        // setup
        let clinical: [Role] = [.physician, .nurse, .coordinator, .therapist, .patient]
        // act / check
        for role in clinical {
            #expect(!PermissionTable.allows(role, .userManage))
            #expect(!PermissionTable.allows(role, .auditView))
        }
    }

    @Test func portalPatientsHoldNoStaffAction() {
        // act / check
        #expect(Action.allCases.allSatisfy { !PermissionTable.allows(.patient, $0) })
    }
}

@Suite struct ClinicalPermissionTests {
    @Test func onlyPhysiciansSignNotesAndClearAlerts() {
        // check
        for role in Role.allCases {
            #expect(PermissionTable.allows(role, .noteSign) == (role == .physician))
            #expect(PermissionTable.allows(role, .alertResolve) == (role == .physician))
        }
    }

    @Test func theFrontDeskDoesNotReadClinicalNotes() {
        // check
        #expect(!PermissionTable.allows(.coordinator, .clinicalRead))
        #expect(!PermissionTable.allows(.coordinator, .evaluationWrite))
        #expect(PermissionTable.allows(.therapist, .clinicalRead) && !PermissionTable.allows(.therapist, .evaluationWrite))
        #expect(PermissionTable.allows(.nurse, .evaluationWrite))
    }
}
