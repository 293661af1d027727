/// The Okabe–Ito palette: eight colours that people with the common colour-vision deficiencies can tell apart.
///
/// Series colours are taken in `series` order, which leaves out yellow (too pale on white paper) and
/// starts with the colours that stay distinct in greyscale print. Charts pair colour with marker shape,
/// so no information rests on colour alone.
public enum OkabeIto {
    /// `#000000`.
    public static let black = "#000000"
    /// `#E69F00`.
    public static let orange = "#E69F00"
    /// `#56B4E9`.
    public static let skyBlue = "#56B4E9"
    /// `#009E73`.
    public static let bluishGreen = "#009E73"
    /// `#F0E442`.
    public static let yellow = "#F0E442"
    /// `#0072B2`.
    public static let blue = "#0072B2"
    /// `#D55E00`.
    public static let vermillion = "#D55E00"
    /// `#CC79A7`.
    public static let reddishPurple = "#CC79A7"

    /// Colours for successive series.
    public static let series = [blue, vermillion, bluishGreen, orange, reddishPurple, skyBlue, black]

    /// The colour of series `i` (cycling).
    public static func color(_ i: Int) -> String { series[((i % series.count) + series.count) % series.count] }

    /// Neutral grey for axes, grid lines and reference lines.
    public static let grey = "#595959"
    /// Light grey for grid lines.
    public static let lightGrey = "#D9D9D9"
}

/// Marker shapes paired with series colours (so that series differ in print and for colour-blind readers).
public enum MarkerShape: Int, Sendable, CaseIterable {
    /// A filled circle.
    case circle
    /// A filled square.
    case square
    /// A filled triangle pointing up.
    case triangle
    /// A filled diamond.
    case diamond

    /// The shape of series `i` (cycling).
    public static func forSeries(_ i: Int) -> MarkerShape { allCases[((i % allCases.count) + allCases.count) % allCases.count] }

    /// SVG markup of the shape centred at (x, y) with half-size `r`.
    func svg(x: Double, y: Double, r: Double, color: String, cls: String) -> String {
        let n = SVGNumber.format
        switch self {
        case .circle:
            return "<circle class=\"\(cls)\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(color)\"/>"
        case .square:
            let s = r * 0.9
            return "<rect class=\"\(cls)\" x=\"\(n(x - s))\" y=\"\(n(y - s))\" width=\"\(n(2 * s))\" height=\"\(n(2 * s))\" fill=\"\(color)\"/>"
        case .triangle:
            let h = r * 1.15
            return "<path class=\"\(cls)\" d=\"M\(n(x)),\(n(y - h)) L\(n(x + h)),\(n(y + h * 0.8)) L\(n(x - h)),\(n(y + h * 0.8)) Z\" fill=\"\(color)\"/>"
        case .diamond:
            let h = r * 1.25
            return "<path class=\"\(cls)\" d=\"M\(n(x)),\(n(y - h)) L\(n(x + h)),\(n(y)) L\(n(x)),\(n(y + h)) L\(n(x - h)),\(n(y)) Z\" fill=\"\(color)\"/>"
        }
    }
}
