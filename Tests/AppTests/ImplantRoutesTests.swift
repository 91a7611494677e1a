import Fluent
import Foundation
import ReliefCore
import Testing
import VaporTesting
@testable import App

/// Implanted devices on the chart: added, programmed, refilled, changed under their version, explanted; pumps due a
/// refill on the worklist.
@Suite struct ImplantRoutesTests {
    private let pump = [("kind", "intrathecal-pump"), ("manufacturer", "Medtronic"), ("model", "SynchroMed II"), ("implantedOn", "03/02/2026"),
                        ("generatorSite", "Left lower abdomen"), ("leadSites", "Catheter tip T10"), ("mri", "mr-conditional")]

    @Test(arguments: TestDatabase.available)
    func aPumpIsAddedProgrammedRefilledAndListedWhenItsRefillFallsDue(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let desk = try await context.signedIn(.coordinator)
            let implants = SitePath.implants(patient.id)
            try await nurse.get(implants)
            // act
            let refused = try await nurse.post(implants, pairs: pump.filter { $0.0 != "model" })
            let added = try await nurse.post(implants, pairs: pump)
            let device = try #require(added.location)
            try await nurse.get(device)
            let programmed = try await nurse.post(device + "/settings", pairs: [("recordedOn", "11/18/2026"), ("program", "Simple continuous"), ("dailyDose", "10")])
            let lateRefill = try await nurse.post(device + "/refills", pairs: [
                ("refilledOn", "11/18/2026"), ("drug", "morphine"), ("concentration", "25"), ("volume", "20"), ("nextRefillOn", "01/13/2027"), ("alarmOn", "01/10/2027")])
            let refilled = try await nurse.post(device + "/refills", pairs: [
                ("refilledOn", "11/18/2026"), ("drug", "morphine"), ("concentration", "25"), ("volume", "20"), ("nextRefillOn", "11/30/2026"), ("alarmOn", "12/07/2026")])
            let shown = try await nurse.get(device)
            let worklist = try await desk.get(SitePath.pumpRefillWorklist())
            let deskAdds = try await desk.post(implants, pairs: pump)
            let chart = try await nurse.get(SitePath.patient(patient.id))
            // check
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Enter the model."))
            #expect(added.status == .seeOther && programmed.status == .seeOther && refilled.status == .seeOther)
            #expect(lateRefill.status == .unprocessableEntity && lateRefill.text.contains("book the refill earlier")
                    && lateRefill.text.contains("value=\"01/10/2027\""), "the refill form keeps its entries")
            #expect(shown.text.contains("11/18/2026: Simple continuous, 10 mg/day") && shown.text.contains("next refill 11/30/2026, alarm 12/07/2026"))
            #expect(worklist.text.contains("Müller") && worklist.text.contains("Medtronic SynchroMed II") && !worklist.text.contains("morphine"))
            #expect(!worklist.text.contains(device), "the front desk books; it does not open the device")
            #expect(deskAdds.status == .forbidden)
            #expect(chart.text.contains("Intrathecal pump, Medtronic SynchroMed II, implanted 03/02/2026. MRI: MR Conditional"))
            #expect(try await context.auditEvents(.recordCreate).filter { ["Device", "DeviceSetting", "PumpRefill"].contains($0.resourceType) }.count == 3)
        }
    }

    @Test(arguments: TestDatabase.available)
    func anExplantIsRecordedUnderTheVersionAndAStaleChangeIsAConflict(database: TestDatabase) async throws {
        try await withRelief(database) { context in
            // setup: a pump refilled, then explanted by one nurse while another edits from the old version
            let patient = try await context.makePatient()
            let nurse = try await context.signedIn(.nurse)
            let other = try await context.signedIn(.nurse, email: "other@test.relief")
            let desk = try await context.signedIn(.coordinator)
            try await nurse.get(SitePath.implants(patient.id))
            let device = try #require(try await nurse.post(SitePath.implants(patient.id), pairs: pump).location)
            try await nurse.get(device)
            try await nurse.post(device + "/refills", pairs: [("refilledOn", "11/18/2026"), ("drug", "baclofen"), ("concentration", "2"), ("volume", "20"),
                                                              ("nextRefillOn", "11/25/2026"), ("alarmOn", "12/01/2026")])
            try await other.get(device)
            // act
            let explanted = try await nurse.post(device, pairs: pump + [("version", "1"), ("explantedOn", "11/18/2026"), ("explantReason", "Pocket infection")])
            let stale = try await other.post(device, pairs: pump + [("version", "1"), ("note", "Checked")])
            let worklist = try await desk.get(SitePath.pumpRefillWorklist())
            let refillAfter = try await nurse.post(device + "/refills", pairs: [("refilledOn", "11/18/2026"), ("drug", "baclofen"), ("concentration", "2"),
                                                                                ("volume", "20"), ("nextRefillOn", "11/25/2026"), ("alarmOn", "12/01/2026")])
            let chart = try await nurse.get(SitePath.patient(patient.id))
            // check
            #expect(explanted.status == .seeOther && stale.status == .conflict && stale.text.contains("Someone changed this device meanwhile")
                    && stale.text.contains(">Checked</textarea>"), "the loser's entries are kept")
            #expect(worklist.text.contains("No refills due."), "an explanted pump is not refilled")
            #expect(refillAfter.status == .conflict)
            #expect(!chart.text.contains("Implanted devices"))
        }
    }
}
