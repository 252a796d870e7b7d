import GongkaiServer
import Fluent
import Foundation
import GongkaiCore
import GongkaiInterchange
import SQLKit
import Vapor

/// `gongkai-bench requests`: `applications` applications over two years across 50 units of one county in SQLite,
/// with every outcome and a share still open; times table 三 for the current year (read the cases, count, check,
/// lay out the rows), its .xlsx, and the office overview's counts.
public enum RequestBenchmark {
    public struct Figures: Sendable {
        public let applications: Int
        public let seedSeconds: Double
        public let tableThreeMilliseconds: [Double]
        public let casesRead: Int
        public let workbookMilliseconds: Double
        public let overviewMilliseconds: [Double]
        public let balanced: Bool
    }

    static func ms(_ start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    public static func run(applications: Int, repeats: Int) async throws -> Figures {
        try await BenchmarkApp.withDemo { app in
            let db = app.db
            let now = Date()
            let today = ChineseTime.today(now)
            let calendar = try await app.calendarService.calendar(on: db)
            let site = SiteRecord(slug: "bench", name: "基准县", parentRegion: "基准市", isDemo: true, sortOrder: 9)
            try await site.create(on: db)
            let siteID = try site.requireID()
            let contact = OrgUnitContact(address: "", officeHours: "", phone: "", fax: "", email: "", postcode: "")
            var units: [OrgUnitRecord] = []
            for i in 0..<50 {
                let unit = OrgUnitRecord(siteID: siteID, parentID: nil,
                                         draft: OrgUnitDraft(name: "基准县第\(i + 1)局", shortName: "县第\(i + 1)局", kind: .department, contact: contact),
                                         isExample: true, sortOrder: i)
                try await unit.create(on: db)
                units.append(unit)
            }
            let unitIDs = units.compactMap(\.id)
            let outcomes = RequestOutcome.allCases
            let start = ContinuousClock.now
            // Received over the two years before today; most replied within 5–30 working days, a share still open.
            try await db.transaction { tx in
                let tsql = tx as! any SQLDatabase
                var i = 0
                while i < applications {
                    let batch = min(500, applications - i)
                    var rows: [SQLQueryString] = []
                    for j in i..<(i + batch) {
                        let received = today.adding(days: -(j * 7919 % 730))
                        let open = j % 40 == 0 && received > today.adding(days: -40)
                        let replied = open ? nil : calendar.addingWorkingDays(5 + j % 26, to: received).map { min($0, today) }
                        let due = calendar.addingWorkingDays(20, to: received)
                        let applicant = ApplicantType.allCases[j % 9 < 4 ? 0 : 1 + j % 5]
                        let outcome = replied == nil ? nil : outcomes[(j * 31) % outcomes.count].rawValue
                        let stage = replied == nil ? RequestTimeline.Stage.handling.rawValue : RequestTimeline.Stage.replied.rawValue
                        rows.append("""
                            (\(bind: UUID()), \(bind: siteID), \(bind: unitIDs[j % unitIDs.count]), \(bind: received.year), \(bind: j + 1), \(bind: String(format: "B%011d", j)),
                             'online', \(bind: received.description), \(bind: received.description), \(bind: applicant.rawValue), \(bind: "申请人\(j)"), '居民身份证',
                             \(bind: String(format: "36042919800101%04d", j % 10_000)), '', '', '', '', \(bind: "第\(j)份申请所需的信息"), 'email', 'email', false,
                             \(bind: "f\(j)"), NULL, \(bind: stage), \(bind: due?.description), \(bind: outcome), \(bind: replied?.description), 1, \(bind: now), 'bench')
                            """)
                    }
                    var query: SQLQueryString = """
                        INSERT INTO disclosure_requests (id, site_id, unit_id, year, sequence, code, channel, arrived_on, received_on, applicant_type, name,
                          id_kind, id_number, contact_person, phone, email, address, information, provision_form, delivery, needs_help, fingerprint,
                          repeat_of, stage, due_on, outcome, replied_on, lock_version, created_at, created_by_label) VALUES
                        """
                    for (k, row) in rows.enumerated() { query = k == 0 ? query + row : query + ", " + row }
                    try await tsql.raw(query).run()
                    i += batch
                }
            }
            let seedSeconds = ms(start) / 1000
            let unitList = units
            var tableTimes: [Double] = []
            var table = TableThree(year: today.year, cases: [])
            var read = 0
            for _ in 0..<repeats {
                let t = ContinuousClock.now
                let tallies = try await RequestReport.tallies(siteID: siteID, units: unitIDs, year: today.year, on: db)
                table = TableThree(year: today.year, tallies: tallies)
                _ = table.rows
                _ = table.unbalancedColumns()
                tableTimes.append(ms(t))
                read = tallies.reduce(0) { $0 + $1.count }
            }
            let w = ContinuousClock.now
            _ = try TableThreeWorkbook.write(table, tableFour: TableFour(year: today.year, cases: []), title: "基准县")
            let workbook = ms(w)
            var overview: [Double] = []
            for _ in 0..<repeats {
                let t = ContinuousClock.now
                _ = try await RequestQueues.counts(siteID: siteID, units: unitList, today: today, calendar: calendar, on: db)
                overview.append(ms(t))
            }
            return Figures(applications: applications, seedSeconds: seedSeconds, tableThreeMilliseconds: tableTimes, casesRead: read,
                           workbookMilliseconds: workbook, overviewMilliseconds: overview, balanced: table.unbalancedColumns().isEmpty)
        }
    }
}
