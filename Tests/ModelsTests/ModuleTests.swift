import Testing
@testable import Models

@Test("module Models links")
func modelsModuleLinks() {
    #expect(ModelsModule.name == "Models")
}
