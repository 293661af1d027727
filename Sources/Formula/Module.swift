/// The Formula module of Truant (see DESIGN.md for its place in the layout).
public enum FormulaModule {
    /// Module name, for diagnostics.
    public static let name = "Formula"
}
