import RecRL

/// Exercise 1.1 — decode a one-hot customer.
///
/// A customer is 11 categorical attributes, each one-hot encoded in its own group of the 88-dim
/// vector: group g has `TaobaoLayout.groupSizes[g]` entries ([8, 8, 11, 11, 11, 11, 2, 2, 3, 18, 3])
/// and starts where the previous group ends. Return the 11 attribute values: for each group, the
/// position of its single 1 inside the group (0 for the group's first entry).
///
/// Example: a vector whose first group is [0, 0, 1, 0, 0, 0, 0, 0] has history turnover level 2.
///
/// An invalid vector gives `nil`, never a crash: a count other than 88, or a group that is not
/// exactly one 1 among 0s (no 1, two 1s, or any other value such as 0.5).
///
/// Check with: `swift test --filter "Exercise 1.1"`.
public func decodeCustomer(_ oneHot: [Double]) throws -> [Int]? {
    // Replace this line with your answer.
    throw NotAttempted(
        "check the count is 88; walk the 11 groups with a running offset (start += size); in each group "
            + "require one 1 and only 0s besides, and return its index minus the group's start")
}
