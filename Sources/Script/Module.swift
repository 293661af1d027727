/// The Script module of Truant (see DESIGN.md for its place in the layout).
public enum ScriptModule {
    /// Module name, for diagnostics.
    public static let name = "Script"
}
