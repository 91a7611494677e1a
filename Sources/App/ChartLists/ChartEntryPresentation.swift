import Foundation
import Plot
import ReliefCore
import Vapor

/// How one kind of chart entry shows on screen: its form, its table columns, and anything the list page adds.
protocol ChartEntryPresentation: ChartEntryContent {
    /// Field names in form order, for the error summary.
    static var fieldOrder: [String] { get }
    /// What a new entry's form starts with.
    static var newFields: FormFields { get }
    /// What a new entry's form starts with on `today` (vital signs start on the day they are taken): `newFields`
    /// unless the kind says otherwise.
    static func newFields(today: CalendarDate) -> FormFields
    static func formControls(_ form: BoundForm) -> [BodyNode]
    static var columns: [String] { get }
    var cells: [String] { get }
    /// Shown above the list page's tables: the MME total and trend for medications.
    static func summary(_ req: Request, patientID: UUID, current: [Self]) async throws -> [BodyNode]
    /// Shown above the form: what the entry may draw on (a diagnosis, the work-up results).
    static func formContext(_ req: Request, patientID: UUID) async throws -> [BodyNode]
    /// The entries as the list shows them, with what other records add (a diagnosis's diagnostic blocks).
    static func shown(_ req: Request, patientID: UUID, _ entries: [(UUID, Self)]) async throws -> [(UUID, Self)]
}

extension ChartEntryPresentation {
    static var newFields: FormFields { FormFields() }
    static func newFields(today: CalendarDate) -> FormFields { newFields }
    static func summary(_ req: Request, patientID: UUID, current: [Self]) async throws -> [BodyNode] { [] }
    static func formContext(_ req: Request, patientID: UUID) async throws -> [BodyNode] { [] }
    static func shown(_ req: Request, patientID: UUID, _ entries: [(UUID, Self)]) async throws -> [(UUID, Self)] { entries }
}

extension ChartEntryPresentation where Self: DatedEntry {
    static func shown(_ req: Request, patientID: UUID, _ entries: [(UUID, Self)]) async throws -> [(UUID, Self)] { newestFirst(entries) }
}

extension Forms {
    /// A select of catalogue drugs grouped by their main class.
    /// The drug list by main class (the first of its classes in `DrugClass` order), computed once.
    private static let drugGroups: [(DrugClass, [Drug])] = DrugClass.allCases.map { drugClass in
        (drugClass, DrugCatalogue.all.filter { DrugClass.allCases.first(where: $0.isA) == drugClass })
    }.filter { !$0.1.isEmpty }

    static func drugSelect(_ name: String, label: String, selected: String, error: String?, hint: String) -> BodyNode {
        groupedSelect(name, label: label, groups: drugGroups.map { drugClass, drugs in
            (drugClass.title, drugs.map { drug in
                let others = drug.otherNames.prefix(3).joined(separator: ", ")
                return Option(value: drug.id, title: others.isEmpty ? drug.name : "\(drug.name) (\(others))")
            })
        }, selected: selected, error: error, hint: hint)
    }
}
