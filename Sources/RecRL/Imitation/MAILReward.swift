import Foundation

/// How MAIL turns the discriminator's logit ℓ = log D − log(1 − D) of a generated page into the
/// policies' reward — exactly once, from the logit (D = σ(ℓ) is the probability of "from the log").
///
/// Sessions have variable length (the customer leaves or buys), so the sign of the reward matters
/// as much as its size. With a discriminator that cannot tell (D = ½, ℓ = 0) everywhere:
///
///     logit     r = ℓ = log D − log(1 − D)   = 0 per page: a session's return does not depend on its length
///     positive  r = −log(1 − D) = softplus(ℓ)  = log 2 per page: every extra page pays (longer sessions)
///     negative  r = log D = −softplus(−ℓ)      = −log 2 per page: every page costs (shorter sessions)
///
/// `logit` is the default (the AIRL/"logit" reward; Fu et al. 2018; Kostrikov et al. 2019 on the
/// length bias of the other two). `custom` is a function of ℓ — chapter 8's `--mine` plugs the
/// student's reward in here.
public enum MAILReward: Sendable {
    case logit
    case positive
    case negative
    case custom(@Sendable (Double) -> Double)

    /// The reward of one page from its logit ℓ.
    public func callAsFunction(_ logit: Double) -> Double {
        switch self {
        case .logit: logit
        case .positive: softplus(logit)
        case .negative: -softplus(-logit)
        case .custom(let f): f(logit)
        }
    }

    /// log(1 + eˣ), computed without overflow: max(x, 0) + log(1 + e^−|x|).
    public func softplus(_ x: Double) -> Double { max(x, 0) + Foundation.log1p(Foundation.exp(-abs(x))) }

    /// The name a table or a log prints.
    public var name: String {
        switch self {
        case .logit: "log D − log(1 − D)"
        case .positive: "−log(1 − D)"
        case .negative: "log D"
        case .custom: "yours"
        }
    }
}
