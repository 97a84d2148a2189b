import Ch07Exercises
import Foundation
import RecRL

/// GAN-SD's H and KL from Exercises 7.1 and 7.2 if they are attempted (`--mine`), with a note
/// saying which terms train; nil and why while a stub still throws.
func studentTerms() -> (GANSDTerms?, String) {
    do {
        _ = try minibatchEntropy(probabilities: Tensor([[0.5, 0.5]]))
        _ = try minibatchKL(realFrequencies: [0.5, 0.5], probabilities: Tensor([[0.5, 0.5]]))
    } catch {
        return (nil, "--mine: \(error) — training with the library's terms")
    }
    // They ran once without throwing; a later throw is a bug in the exercise, not the chapter.
    let terms = GANSDTerms(
        name: "yours",
        entropy: { (try? minibatchEntropy(probabilities: $0)) ?? GANSDTerms.library.entropy($0) },
        kl: { (try? minibatchKL(realFrequencies: $0, probabilities: $1)) ?? GANSDTerms.library.kl($0, $1) })
    return (terms, "--mine: your minibatchEntropy and minibatchKL")
}

/// What each of the student's exercises does right now, against the library.
func exerciseTable() -> Table {
    let probe = Tensor([[0.5, 0.3, 0.2], [0.1, 0.5, 0.4]])
    var yours = Table(columns: [.init("exercise"), .init("status")])
    yours.row(
        "7.1 minibatch entropy",
        exerciseStatus {
            abs(try minibatchEntropy(probabilities: probe).scalar - GANSDTerms.library.entropy(probe).scalar) < 1e-9
        })
    yours.row(
        "7.2 minibatch KL",
        exerciseStatus {
            let mine = try minibatchKL(realFrequencies: [0.5, 0.5, 0], probabilities: probe).scalar
            return abs(mine - GANSDTerms.library.kl([0.5, 0.5, 0], probe).scalar) < 1e-9
        })
    yours.row(
        "7.3 GMM responsibilities",
        exerciseStatus {
            let r = try gmmResponsibilities(x: [0], weights: [0.5, 0.5], means: [[0], [2]], variances: [[1], [1]])
            return r.count == 2 && abs(r[0] - 1 / (1 + Foundation.exp(-2))) < 1e-9
        })
    return yours
}
