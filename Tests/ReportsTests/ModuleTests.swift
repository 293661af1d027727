import Testing
@testable import Reports

@Test("module Reports links")
func reportsModuleLinks() {
    #expect(ReportsModule.name == "Reports")
}
