import CNN

/// The sliding-kernel scene's text, in English and Korean.
enum SlidingStrings {
    static let title = Localized(en: "Sliding kernel", ko: "커널 슬라이딩")
    static let step = Localized(en: "step", ko: "단계")
    static let input = Localized(en: "Input", ko: "입력")
    static let paddedInput = Localized(en: "Input + padding", ko: "입력 + 패딩")
    static let kernel = Localized(en: "Kernel", ko: "커널")
    static let rotated = Localized(en: "Kernel rotated 180°", ko: "180° 회전한 커널")
    static let output = Localized(en: "Output", ko: "출력")
    static let padding = Localized(en: "padding", ko: "패딩")
    static let stride = Localized(en: "stride", ko: "스트라이드")
    static let dilation = Localized(en: "dilation", ko: "팽창")
    static let bias = Localized(en: "bias", ko: "편향")
    static let playing = Localized(en: "▶ playing", ko: "▶ 재생 중")
    static let paused = Localized(en: "paused", ko: "일시 정지")
    static let start = Localized(
        en: "Press → to place the kernel on the first window and compute the first output.",
        ko: "→ 키를 누르면 커널을 첫 번째 창에 놓고 첫 출력을 계산합니다.")
    static let done = Localized(en: "All outputs computed.", ko: "모든 출력을 계산했습니다.")
    static let legend = Localized(en: "dim 0 = padding cell", ko: "흐린 0 = 패딩 칸")
    static let outputSize = Localized(en: "output size", ko: "출력 크기")
    static let rows = Localized(en: "rows", ko: "행")
    static let cols = Localized(en: "cols", ko: "열")

    static func mode(_ mode: ConvMode) -> Localized {
        switch mode {
        case .correlate: Localized(en: "cross-correlation (Keras Conv2D)",
                                   ko: "교차 상관 (케라스 Conv2D)")
        case .convolve: Localized(en: "convolution (kernel flipped)",
                                  ko: "합성곱 (커널 뒤집기)")
        }
    }

    static let keys: [KeyHelp] = [
        KeyHelp("→/l", Localized(en: "next", ko: "다음")),
        KeyHelp("←/h", Localized(en: "prev", ko: "이전")),
        KeyHelp("g/G", Localized(en: "first/last", ko: "처음/끝")),
        KeyHelp("Home/End", Localized(en: "first / last step", ko: "처음 / 마지막 단계"), footer: false),
        KeyHelp("space", Localized(en: "play", ko: "재생")),
        KeyHelp("+/-", Localized(en: "speed", ko: "속도")),
    ]
}
