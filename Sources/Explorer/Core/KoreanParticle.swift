/// Korean particles chosen by the sound they follow, so a sentence never shows `(으)로`.
enum KoreanParticle {
    /// `word` followed by 로 or 으로: 으로 after a final consonant other than ㄹ (항등으로,
    /// 라플라시안으로, 3으로 "삼"), 로 after a vowel or ㄹ (블러로, 1로 "일", 8로 "팔").
    /// Digits are read as Sino-Korean numbers (a trailing 0 reads 십/백/천/만: 으로);
    /// Latin letters by their English names (l, r: 로; m, n: 으로; others: 로).
    static func ro(_ word: String) -> String {
        word + (takesEuro(word) ? "으로" : "로")
    }

    static func takesEuro(_ word: String) -> Bool {
        guard let last = word.unicodeScalars.last(where: { !" )]}.,'\"".unicodeScalars.contains($0) }) else { return false }
        let v = last.value
        if (0xAC00...0xD7A3).contains(v) {
            let final = (v - 0xAC00) % 28
            return final != 0 && final != 8  // 8 = ㄹ
        }
        if let digit = Int(String(last)) {
            // 영 삼 육 and any round number (십 백 천 만) end in a consonant other than ㄹ.
            return [0, 3, 6].contains(digit)
        }
        return ["m", "n"].contains(String(last).lowercased())
    }
}
