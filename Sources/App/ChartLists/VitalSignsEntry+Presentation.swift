import Plot
import ReliefCore

extension VitalSignsEntry: ChartEntryPresentation {
    static func newFields(today: CalendarDate) -> FormFields {
        var fields = VitalSignsEntry(takenOn: today).fields
        fields.set("takenOn", today.display)
        return fields
    }

    static func formControls(_ form: BoundForm) -> [BodyNode] {
        [
            Forms.section("Taken", [
                Forms.row([form.text("takenOn", "Day", hint: "MM/DD/YYYY", required: true), form.text("takenAt", "Time", hint: "9:30 AM or 14:15")]),
            ]),
            Forms.section("Measurements", [
                Forms.row([
                    form.number("systolic", "Systolic (mmHg)", narrow: true), form.number("diastolic", "Diastolic (mmHg)", narrow: true),
                    form.number("heartRate", "Heart rate (/min)", narrow: true), form.number("respiratoryRate", "Respiratory rate (/min)", narrow: true),
                ]),
                Forms.row([
                    form.number("oxygenSaturation", "SpO₂ (%)", narrow: true), form.number("temperature", "Temperature", decimal: true, narrow: true),
                    form.choose("temperatureUnit", "Unit", TemperatureUnit.self),
                    form.number("bmi", "BMI (kg/m²)", hint: "From height and weight when left empty", decimal: true, narrow: true),
                ]),
                Forms.row([
                    form.number("height", "Height", decimal: true, narrow: true), form.choose("heightUnit", "Unit", LengthUnit.self),
                    form.number("weight", "Weight", decimal: true, narrow: true), form.choose("weightUnit", "Unit", WeightUnit.self),
                ]),
                form.area("note", "Note", hint: "Position, cuff size, after rest, patient's own scale.", rows: 2),
            ]),
        ]
    }

    static let columns = ["Taken", "Blood pressure", "Heart rate", "SpO₂", "Temperature", "Weight", "BMI"]

    var cells: [String] {
        [[takenOn.display, takenAt?.display].compactMap { $0 }.joined(separator: " ")]
            + [VitalSign.bloodPressure, .heartRate, .oxygenSaturation, .temperature, .weight, .bmi].map { reading($0) ?? "" }
    }
}
