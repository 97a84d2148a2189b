/// The nonlinearity between the layers of an `MLP`.
public enum Activation: String, Sendable, CaseIterable {
    /// tanh x: smooth and bounded, the default of PPO codes (CleanRL, the report's PPO).
    case tanh
    /// max(0, x): the default of DDPG/TD3 codes.
    case relu
    /// x for x > 0 and 0.01·x otherwise (PyTorch's default slope), as GAN discriminators use.
    case leakyRelu
    /// No nonlinearity (a stack of linear layers is then one linear map).
    case none

    /// Applies the nonlinearity elementwise.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .tanh: x.tanh()
        case .relu: x.relu()
        case .leakyRelu: x.leakyRelu(slope: 0.01)
        case .none: x
        }
    }
}
