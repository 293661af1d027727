import Testing
import Foundation
import TestSupport

@Test("the truant executable is built next to the test bundle")
func truantBinaryExists() {
    #expect(FileManager.default.fileExists(atPath: Fixtures.root.path + "/Package.swift"))
}
