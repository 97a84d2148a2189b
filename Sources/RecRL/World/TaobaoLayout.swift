/// The shapes every Taobao-like environment of the course shares: the published VirtualTaobao
/// layout of an observation (88 one-hot customer features + 3 dynamic features) and of an action
/// (27 ranking weights), and the names of the features in the ground-truth world.
public enum TaobaoLayout {
    /// Values per static attribute group (the published VirtualTaobao layout).
    public static let groupSizes = [8, 8, 11, 11, 11, 11, 2, 2, 3, 18, 3]
    /// Where each group starts in the 88-dim one-hot vector.
    public static let groupOffsets: [Int] = {
        var offsets: [Int] = []
        var start = 0
        for size in groupSizes {
            offsets.append(start)
            start += size
        }
        return offsets
    }()
    /// 11 static attributes.
    public static let groupCount = 11
    /// 88: the one-hot customer part of an observation.
    public static let staticSize = 88
    /// 3: last page's clicks, clicks so far in the session, pages shown so far.
    public static let dynamicSize = 3
    /// 91 = 88 + 3.
    public static let observationSize = 91
    /// 27 ranking weights, one per item feature.
    public static let actionSize = 27
    /// Items on a page.
    public static let pageSize = 10

    /// The 88-dim one-hot encoding of 11 attribute values.
    public static func oneHot(_ attributes: [Int]) -> [Double] {
        precondition(
            attributes.count == groupCount, "oneHot needs \(groupCount) attribute values, got \(attributes.count)")
        var v = [Double](repeating: 0, count: staticSize)
        for (g, value) in attributes.enumerated() {
            precondition(
                value >= 0 && value < groupSizes[g],
                "attribute \(g) (\(CustomerAttribute.all[g].name)) must be in 0..<\(groupSizes[g]), got \(value)")
            v[groupOffsets[g] + value] = 1
        }
        return v
    }

    /// The attribute values of an 88-dim one-hot vector (the hot index of each group). Precondition:
    /// exactly one 1 per group.
    public static func attributes(ofOneHot v: [Double]) -> [Int] {
        precondition(v.count >= staticSize, "attributes(ofOneHot:) needs at least \(staticSize) values, got \(v.count)")
        return (0..<groupCount).map { g in
            let slice = v[groupOffsets[g]..<(groupOffsets[g] + groupSizes[g])]
            let hot = slice.indices.filter { v[$0] == 1 }
            precondition(
                hot.count == 1 && slice.allSatisfy({ $0 == 0 || $0 == 1 }),
                "group \(g) must be one-hot, got \(Array(slice))")
            return hot[0] - groupOffsets[g]
        }
    }
}

/// One of the 11 static customer attributes: its name and the labels of its values.
///
/// Four are the columns of the Virtual-Taobao paper's Table 1: `historyTurnover` ("History"),
/// `purchasePower` ("Purchase"), `queryCategory` ("Query") and `customerCategory` ("User").
public struct CustomerAttribute: Sendable {
    public let name: String
    public let labels: [String]
    /// Index of the group in the 88-dim layout.
    public let group: Int

    public static let historyTurnover = CustomerAttribute(
        name: "history turnover level", labels: (0..<8).map { "level \($0)" }, group: 0)
    public static let purchasePower = CustomerAttribute(
        name: "purchase power", labels: (0..<8).map { "level \($0)" }, group: 1)
    public static let ageBand = CustomerAttribute(
        name: "age band",
        labels: ["<18", "18-22", "23-27", "28-32", "33-37", "38-42", "43-47", "48-52", "53-57", "58-62", "63+"],
        group: 2)
    public static let yearsOnPlatform = CustomerAttribute(
        name: "years on platform", labels: (0..<10).map { "\($0) y" } + ["10+ y"], group: 3)
    public static let visitFrequency = CustomerAttribute(
        name: "visit frequency", labels: (0..<11).map { "band \($0)" }, group: 4)
    public static let region = CustomerAttribute(
        name: "region",
        labels: [
            "east coast", "south coast", "north", "north-east", "centre", "south-west", "north-west",
            "capital", "delta", "inland west", "overseas",
        ], group: 5)
    public static let gender = CustomerAttribute(name: "gender", labels: ["female", "male"], group: 6)
    public static let device = CustomerAttribute(name: "device", labels: ["mobile app", "desktop"], group: 7)
    public static let memberTier = CustomerAttribute(
        name: "member tier", labels: ["regular", "VIP", "super VIP"], group: 8)
    public static let queryCategory = CustomerAttribute(
        name: "query category",
        labels: [
            "womenswear", "menswear", "shoes", "bags", "beauty", "baby & maternity", "toys", "snacks",
            "fresh food", "home furnishing", "kitchen", "appliances", "phones", "computers", "sports",
            "books", "auto", "pets",
        ], group: 9)
    public static let customerCategory = CustomerAttribute(
        name: "customer category", labels: ["bargain hunter", "mainstream", "premium"], group: 10)

    /// All 11, in layout order.
    public static let all: [CustomerAttribute] = [
        historyTurnover, purchasePower, ageBand, yearsOnPlatform, visitFrequency, region, gender, device,
        memberTier, queryCategory, customerCategory,
    ]
    /// The paper's Table 1 columns, in its order (History, Purchase, Query, User).
    public static let tableOne: [CustomerAttribute] = [historyTurnover, purchasePower, queryCategory, customerCategory]
}

/// The 27 features of an item in the ground-truth catalogue (each standardised to mean 0 and
/// standard deviation 1 over the catalogue, before drift). An action weights them in this order.
public enum ItemFeature: Int, CaseIterable, Sendable {
    /// log price.
    case price
    /// log sales volume (what the popularity engine ranks by).
    case salesVolume
    /// the item's historical click-through rate.
    case historicalCTR
    /// average review rating.
    case rating
    /// log number of reviews.
    case reviewCount
    /// size of the current discount.
    case discount
    /// free shipping (±1).
    case freeShipping
    /// brand tier (no-name … luxury).
    case brandTier
    /// the shop's reputation score.
    case shopReputation
    /// delivery speed.
    case deliverySpeed
    /// return rate (high is bad).
    case returnRate
    /// how new the listing is.
    case newness
    /// quality of the listing's photos.
    case imageQuality
    /// log number of customers who saved the item.
    case favourites
    /// part of a platform promotion (±1).
    case promotion
    /// 12 latent style coordinates (colour, cut, taste, …): the part of the match a customer's
    /// attributes explain only partly.
    case style0, style1, style2, style3, style4, style5, style6, style7, style8, style9, style10, style11

    /// A readable name ("price", "style 3").
    public var name: String {
        switch self {
        case .price: "price"
        case .salesVolume: "sales volume"
        case .historicalCTR: "historical CTR"
        case .rating: "rating"
        case .reviewCount: "review count"
        case .discount: "discount"
        case .freeShipping: "free shipping"
        case .brandTier: "brand tier"
        case .shopReputation: "shop reputation"
        case .deliverySpeed: "delivery speed"
        case .returnRate: "return rate"
        case .newness: "newness"
        case .imageQuality: "image quality"
        case .favourites: "favourites"
        case .promotion: "promotion"
        default: "style \(rawValue - ItemFeature.style0.rawValue)"
        }
    }

    /// The features that time drift moves (popularity signals).
    public static let popularity: [ItemFeature] = [.salesVolume, .historicalCTR, .reviewCount, .favourites]
}
