/// A synthetic pain practice: staff of every role and patients with the demographics of a US pain clinic
/// (mostly 35–80 years old, many working in physical jobs or retired). Nothing here is a real person.
public enum DemoPractice {
    /// The demo practice as other systems see it; the NPI is CMS's worked example of a valid check digit, no real practice's.
    public static let profile: PracticeProfile = {
        var profile = PracticeProfile()
        (profile.name, profile.npi, profile.line, profile.city, profile.state, profile.postalCode, profile.phone) =
            ("Springfield Interventional Pain Center", "1234567893", "200 Main Street, Suite 4", "Springfield", "IL", "62701", "(555) 201-0100")
        return profile
    }()

    public struct StaffMember: Sendable, Equatable {
        public let name: String
        public let email: String
        public let role: Role
        public let password: String
    }

    /// Demo logins; the passwords are printed at start and meant only for a demo database.
    public static let staff: [StaffMember] = [
        .init(name: "Alex Morgan", email: "admin@demo.relief", role: .admin, password: "demo-admin-pass"),
        .init(name: "Dr. Priya Raman", email: "physician@demo.relief", role: .physician, password: "demo-physician-pass"),
        .init(name: "Jordan Ellis, RN", email: "nurse@demo.relief", role: .nurse, password: "demo-nurse-pass"),
        .init(name: "Sam Ortiz", email: "coordinator@demo.relief", role: .coordinator, password: "demo-coordinator-pass"),
        .init(name: "Casey Lin, DPT", email: "therapist@demo.relief", role: .therapist, password: "demo-therapist-pass"),
    ]

    static let familyNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Müller", "Núñez", "O'Brien", "Kowalski", "Nowak", "Østergaard", "Patel", "Kim", "Chen", "Okafor",
        "Dubois", "Søndergaard", "Peña", "Ibáñez", "Schröder", "Murphy", "Sullivan", "Bennett", "Reyes", "Cruz",
    ]
    static let femaleNames = [
        "Mary", "Patricia", "Linda", "Barbara", "Elizabeth", "Jennifer", "Maria", "Susan", "Margaret", "Dorothy",
        "Lisa", "Nancy", "Karen", "Betty", "Helen", "Sandra", "Donna", "Carol", "Ruth", "Sharon", "Michelle",
        "Laura", "Sarah", "Kimberly", "Deborah", "Jessica", "Shirley", "Cynthia", "Angela", "Melissa", "Brenda",
        "Amy", "Anna", "Rebecca", "Virginia", "Kathleen", "Pamela", "Martha", "Debra", "Amanda", "Zoë", "Inés",
        "Renée", "Guadalupe", "Rosa", "Mei", "Aisha", "Chloé",
    ]
    static let maleNames = [
        "James", "John", "Robert", "Michael", "William", "David", "Richard", "Charles", "Joseph", "Thomas",
        "Christopher", "Daniel", "Paul", "Mark", "Donald", "George", "Kenneth", "Steven", "Edward", "Brian",
        "Ronald", "Anthony", "Kevin", "Jason", "Matthew", "Gary", "Timothy", "Jose", "Larry", "Jeffrey",
        "Frank", "Scott", "Eric", "Stephen", "Andrew", "Raymond", "Gregory", "Joshua", "Jerry", "Dennis",
        "José", "Andrés", "Björn", "Tomás", "Luis", "Wei", "Emeka", "Hao",
    ]
    static let streets = ["Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Main", "Sunset", "River"]
    static let streetKinds = ["St", "Ave", "Rd", "Dr", "Ln", "Ct", "Blvd"]
    static let cities: [(String, String)] = [
        ("Springfield", "62701"), ("Riverton", "62702"), ("Lakeside", "62703"), ("Fairview", "62704"),
        ("Oak Park", "62707"), ("Chatham", "62629"), ("Rochester", "62563"), ("Sherman", "62684"),
    ]
    static let languages: [(String, Int)] = [("English", 84), ("Spanish", 10), ("Polish", 2), ("Vietnamese", 2), ("Mandarin", 1), ("Arabic", 1)]
    static let occupations: [(String, Int)] = [
        ("Retired", 24), ("Construction worker", 6), ("Warehouse associate", 6), ("Truck driver", 5), ("Registered nurse", 4),
        ("Office administrator", 6), ("Teacher", 4), ("Retail associate", 5), ("Mechanic", 3), ("Electrician", 2),
        ("Farmer", 2), ("Software developer", 2), ("Homemaker", 5), ("Unemployed", 4), ("On disability", 8),
        ("Home health aide", 3), ("Chef", 2), ("Police officer", 2), ("Landscaper", 3), ("Accountant", 2),
    ]
    static let primaryCare: [(String, String)] = [
        ("Dr. Helen Park", "Springfield Family Medicine"), ("Dr. Marcus Webb", "Lakeside Internal Medicine"),
        ("Dr. Ana Castillo", "Riverton Community Health"), ("Dr. Thomas Greene", "Fairview Primary Care"),
        ("Dr. Fatima Haddad", "Oak Park Medical Group"),
    ]
    static let referrers: [(String, String)] = [
        ("Dr. Robert Lang", "Capital Orthopedics"), ("Dr. Susan Cho", "Midstate Neurosurgery"),
        ("Dr. Kevin O'Donnell", "Springfield Spine Center"), ("Dr. Laura Mendez", "Riverton Rheumatology"),
        ("Dr. Ian Brooks", "Memorial Neurology"),
    ]
    static let relationships = ["Spouse", "Daughter", "Son", "Partner", "Sister", "Brother", "Friend", "Parent"]

    /// The `index`-th patient of a practice generated from `seed` (independent of the others, so patients
    /// can be generated in any order or in parallel batches).
    public static func patient(index: Int, seed: UInt64, today: CalendarDate) -> PatientRegistration {
        var random = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(index))
        var patient = PatientRegistration()
        let female = random.chance(0.58)  // chronic pain clinics see more women than men
        patient[.familyName] = random.pick(familyNames)
        patient[.givenName] = random.pick(female ? femaleNames : maleNames)
        if random.chance(0.3) {
            let middle = random.pick(female ? femaleNames : maleNames)
            if middle != patient[.givenName] { patient[.middleName] = middle }
        }
        patient[.sexAtBirth] = (female ? SexAtBirth.female : .male).rawValue
        if random.chance(0.6) {
            patient[.genderIdentity] = random.weighted([
                ((female ? GenderIdentity.woman : .man).rawValue, 96),
                (GenderIdentity.nonBinary.rawValue, 2), (GenderIdentity.declined.rawValue, 2),
            ])
        }
        let age = random.weighted([(Int.random(in: 22...34, using: &random), 8), (Int.random(in: 35...49, using: &random), 24),
                                   (Int.random(in: 50...64, using: &random), 34), (Int.random(in: 65...89, using: &random), 34)])
        let birth = CalendarDate(year: today.year - age - 1, month: Int.random(in: 1...12, using: &random),
                                 day: Int.random(in: 1...28, using: &random))!
        patient[.birthDate] = birth.description
        patient[.phone] = phone(&random)
        if random.chance(0.75) {
            let local = SearchKey.fold(patient[.givenName]) + "." + SearchKey.fold(patient[.familyName])
            patient[.email] = "\(local)\(Int.random(in: 1...99, using: &random))@example.com"
        }
        let (city, zip) = random.pick(cities)
        patient[.addressLine1] = "\(Int.random(in: 10...9999, using: &random)) \(random.pick(streets)) \(random.pick(streetKinds))"
        if random.chance(0.15) { patient[.addressLine2] = "Apt \(Int.random(in: 1...40, using: &random))" }
        patient[.city] = city
        patient[.state] = "IL"
        patient[.postalCode] = zip
        patient[.preferredLanguage] = random.weighted(languages)
        patient[.emergencyName] = "\(random.pick(random.chance(0.5) ? femaleNames : maleNames)) \(patient[.familyName])"
        patient[.emergencyRelationship] = random.pick(relationships)
        patient[.emergencyPhone] = phone(&random)
        let (pcp, pcpPractice) = random.pick(primaryCare)
        patient[.primaryCareName] = pcp
        patient[.primaryCarePractice] = pcpPractice
        patient[.primaryCarePhone] = phone(&random)
        if random.chance(0.7) {
            let (referrer, practice) = random.pick(referrers)
            patient[.referringName] = referrer
            patient[.referringPractice] = practice
            patient[.referringPhone] = phone(&random)
        }
        patient[.occupation] = age >= 67 ? "Retired" : random.weighted(occupations)
        return patient
    }

    static func phone(_ random: inout SeededGenerator) -> String {
        // 555-01xx numbers are reserved for fiction.
        let area = random.pick(["217", "309", "618", "312"])
        return "(\(area)) 555-01\(CalendarDate.padded(Int.random(in: 0...99, using: &random), 2))"
    }
}
