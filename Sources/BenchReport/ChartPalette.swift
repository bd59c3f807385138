/// Colours of configurations and series: the Okabe–Ito palette (readable
/// for the common colour-vision deficiencies), in a fixed order so a
/// configuration keeps its colour across every chart of a page.
enum ChartPalette {
    static let colors = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#6B6B6B", "#000000"]

    static func color(_ index: Int) -> String { colors[((index % colors.count) + colors.count) % colors.count] }
}
