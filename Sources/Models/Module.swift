/// The Models module of Truant (see DESIGN.md for its place in the layout).
public enum ModelsModule {
    /// Module name, for diagnostics.
    public static let name = "Models"
}
