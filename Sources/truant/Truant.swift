import ArgumentParser

/// The `truant` command: multilevel, survival and measurement models for truancy research.
@main
struct Truant: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "truant",
        abstract: "Multilevel, survival and school-climate models for research on truancy and early school leaving.",
        version: TruantVersion.string,
        subcommands: [FitCommand.self, KMCommand.self, DescribeCommand.self, ScaleCommand.self, AgreementCommand.self, CenterCommand.self,
                      SimulateCommand.self, BriefCommand.self, RunCommand.self, ReplCommand.self, RenderCommand.self]
    )

    /// Sets the allocator policy, then parses the arguments and runs the subcommand.
    static func main() {
        AllocatorPolicy.apply()
        main(nil)
    }
}

/// The version printed by `truant --version` and recorded in every output's provenance.
enum TruantVersion {
    static let string = "0.1.0"
}
