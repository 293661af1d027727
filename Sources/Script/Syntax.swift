/// A node of the syntax tree with its place in the source (for error carets).
public struct Expr: Sendable, Equatable {
    /// What the node is.
    public var node: Node
    /// Offset of the node's first scalar.
    public var start: Int
    /// Offset of the scalar an error about this node points at (the operator, the name, the call's bracket).
    public var at: Int

    init(_ node: Node, start: Int, at: Int? = nil) {
        self.node = node
        self.start = start
        self.at = at ?? start
    }
}

/// The kinds of syntax node.
public indirect enum Node: Sendable, Equatable {
    /// `NULL`.
    case null
    /// `TRUE`, `FALSE`, or `NA` (nil).
    case logical(Bool?)
    /// A double literal (`1`, `2.5`, `1e-3`, `Inf`, `NaN`, `NA_real_` as nil).
    case number(Double?)
    /// An integer literal (`1L`, `NA_integer_` as nil).
    case integer(Int?)
    /// A string literal (`NA_character_` as nil).
    case string(String?)
    /// A name.
    case name(String)
    /// A call `f(args)`.
    case call(Expr, [CallArgument])
    /// `x[args]` (double: `x[[args]]`).
    case index(Expr, [CallArgument], double: Bool)
    /// `x$name`.
    case dollar(Expr, String)
    /// A prefix operator (`-`, `+`, `!`).
    case unary(String, Expr)
    /// An infix operator (`+`, `==`, `%in%`, `&&`, ...).
    case binary(String, Expr, Expr)
    /// `target <- value` or `target = value` (`superAssign`: `<<-`).
    case assign(Expr, Expr, superAssign: Bool)
    /// A formula, kept as its verbatim text; `textStart` is the offset where the text begins.
    case formula(text: String, textStart: Int)
    /// `function(params) body`.
    case function([Parameter], Expr)
    /// `{ ... }`.
    case block([Expr])
    /// `if (cond) a else b`.
    case ifElse(Expr, Expr, Expr?)
    /// `for (name in seq) body`.
    case forLoop(String, Expr, Expr)
    /// `while (cond) body`.
    case whileLoop(Expr, Expr)
    /// `repeat body`.
    case repeatLoop(Expr)
    /// `break`.
    case breakLoop
    /// `next`.
    case nextIteration
}

/// One argument of a call or index: `value`, `name = value`, or empty (as in `x[, 1]`).
public struct CallArgument: Sendable, Equatable {
    /// The argument name, if given.
    public var name: String?
    /// The value (nil for an empty argument).
    public var value: Expr?
    /// Offset of the argument (name or value).
    public var at: Int
}

/// One formal parameter of a function: `x` or `x = default`, or `...`.
public struct Parameter: Sendable, Equatable {
    /// The name.
    public var name: String
    /// The default value expression.
    public var defaultValue: Expr?
}
