import Foundation
import RecRL
import Testing

/// The course's SHA-256 against the test vectors of FIPS 180-4 (NIST's examples for SHA-256), and
/// hashing in pieces against hashing at once.
@Suite("SHA-256: the FIPS 180-4 test vectors")
struct SHA256Tests {
    @Test("\"abc\" (one block) hashes to the standard's digest")
    func abc() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("the empty message (padding only) hashes to the standard's digest")
    func empty() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("the 448-bit message (padding spills into a second block) hashes to the standard's digest")
    func twoBlocks() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(message.utf8.count * 8 == 448)
        #expect(SHA256.hex(Array(message.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("one million 'a' (15,625 blocks) hashes to the standard's digest")
    func millionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a message fed in uneven pieces hashes as the whole message does")
    func pieces() {
        var rng = RNG(seed: 3)
        let message = (0..<1_000).map { _ in UInt8(truncatingIfNeeded: Int(rng.uniform() * 256)) }
        var hasher = SHA256()
        var start = 0
        for size in [0, 1, 63, 64, 65, 7, 300] {
            hasher.update(Array(message[start..<(start + size)]))
            start += size
        }
        hasher.update(Array(message[start...]))
        #expect(hasher.finalizeHex() == SHA256.hex(message))
    }
}
