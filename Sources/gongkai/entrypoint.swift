import GongkaiServer

@main
struct Entrypoint {
    static func main() async throws {
        try await GongkaiMain.run()
    }
}
