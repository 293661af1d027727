/// The Reports module of Truant (see DESIGN.md for its place in the layout).
public enum ReportsModule {
    /// Module name, for diagnostics.
    public static let name = "Reports"
}
