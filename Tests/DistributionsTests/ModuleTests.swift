import Testing
@testable import Distributions

@Test("module Distributions links")
func distributionsModuleLinks() {
    #expect(DistributionsModule.name == "Distributions")
}
