import Testing
@testable import Script

@Test("module Script links")
func scriptModuleLinks() {
    #expect(ScriptModule.name == "Script")
}
