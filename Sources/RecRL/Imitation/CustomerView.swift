/// The customer's view of a page (Shi et al. 2019, "MAIL"): the customer's observation
///
///     s^c = ⟨s, a, n⟩
///
/// with s the engine's observation (the 88 one-hot attributes and the 3 dynamic features: last
/// page's clicks, clicks so far in the session, pages shown so far), a the engine's raw 27 ranking
/// weights for this page, and n the page index. n already is s's third dynamic feature, so it is
/// not repeated: s^c has 88 + 3 + 27 = 118 numbers,
///
///     features = one-hot(attributes) ‖ [last clicks / 10, session clicks / 10, n / 10] ‖ a
///
/// The counts are divided by 10 (a page's clicks then lie in [0, 1]) so that no input is an order
/// of magnitude larger than the one-hot part; the action is passed raw, as the engine played it
/// (not clipped: a learned customer sees exactly what the log recorded, and a larger-norm action
/// than the log's is an extrapolation — what ANC, chapter 9, guards against).
public enum CustomerView {
    /// 118 = 88 + 3 + 27.
    public static let featureSize = TaobaoLayout.staticSize + TaobaoLayout.dynamicSize + TaobaoLayout.actionSize
    /// The divisor of the three counts.
    public static let countScale = 10.0

    /// s^c of one page, appended to `features` (so a batch is built without copies).
    public static func append(
        customer: [Double], lastClicks: Int, sessionClicks: Int, pageIndex: Int, action: [Double],
        to features: inout [Double]
    ) {
        precondition(
            customer.count == TaobaoLayout.staticSize, "s^c needs the 88 one-hot attributes, got \(customer.count)")
        precondition(action.count == TaobaoLayout.actionSize, "s^c needs the 27 action weights, got \(action.count)")
        features += customer
        features.append(Double(lastClicks) / countScale)
        features.append(Double(sessionClicks) / countScale)
        features.append(Double(pageIndex) / countScale)
        features += action
    }

    /// s^c of one page.
    public static func features(
        customer: [Double], lastClicks: Int, sessionClicks: Int, pageIndex: Int, action: [Double]
    ) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(featureSize)
        append(
            customer: customer, lastClicks: lastClicks, sessionClicks: sessionClicks, pageIndex: pageIndex,
            action: action, to: &out)
        return out
    }
}
