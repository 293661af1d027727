import Testing
@testable import Reports

@Suite("JSONValue")
struct JSONValueTests {
    @Test("serializes deterministically with ordered keys and shortest numbers")
    func serializes() {
        let v = JSONValue.object([("model", .string("glm")), ("loglik", .number(-1229.5)), ("n_obs", .integer(1934)),
                                  ("p", .number(1e-300)), ("x", .number(.nan)), ("ok", .bool(true)),
                                  ("v", .array([.number(0.1), .number(2)])), ("s", .string("a\"b\n"))])
        #expect(v.serialized(pretty: false) ==
                #"{"model":"glm","loglik":-1229.5,"n_obs":1934,"p":1e-300,"x":null,"ok":true,"v":[0.1,2],"s":"a\"b\n"}"#)
        #expect(v.serialized() == v.serialized())
    }
}
