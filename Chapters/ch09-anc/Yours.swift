import Ch09Exercises
import Foundation
import RecRL

/// Section 7: what each of the student's exercises does right now.
func exerciseSection(notebook: Notebook) {
    notebook.heading("7. Your exercises")
    notebook.text(
        """
        Exercises/ch09-anc holds two stubs: 9.1 ANC's reward, eq. 3 (with --mine every run trains \
        with it), and 9.2 TRPO's step size from its KL bound, β = √(2δ / sᵀFs). Fill them in, then \
        run `swift test --filter "Chapter 9"`. Here is what your code does right now:
        """)
    var yours = Table(columns: [.init("exercise"), .init("status")])
    yours.row(
        "9.1 ANC reward (eq. 3)",
        exerciseStatus {
            let above = try ancReward(3, action: [0.6, 0.8], rho: 1, mu: 0.01)
            let below = try ancReward(3, action: [0.003, 0.004], rho: 1, mu: 0.01)
            return abs(above - 3 / 1.99) < 1e-9 && below == 3
        })
    yours.row(
        "9.2 TRPO step size",
        exerciseStatus {
            abs(
                try trpoStepSize(maxKL: 0.01, direction: [1, 2], fisherTimesDirection: [2, 1]) - (0.02 / 4).squareRoot()
            )
                < 1e-12
        })
    notebook.table(yours)
}
