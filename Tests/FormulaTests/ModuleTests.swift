import Testing
@testable import Formula

@Test("module Formula links")
func formulaModuleLinks() {
    #expect(FormulaModule.name == "Formula")
}
