import CNN

/// The bundled conceptual questions (`stride quiz --kind concept`): the misconceptions
/// students meet in this material, each in English and Korean, with feedback for every wrong
/// option and the mistake code it stands for where one fits.
public enum QuizConceptBank {
    public static let questions: [QuizQuestion] = choices.map { QuizQuestion(.choice($0)) }
        + statements.map { QuizQuestion(.truefalse($0)) }

    typealias O = ChoiceQuestion.Option

    static let choices: [ChoiceQuestion] = [
        ChoiceQuestion(
            Localized(en: "What does Keras's Conv2D compute?", ko: "Keras의 Conv2D는 무엇을 계산할까요?"),
            options: [
                O(Localized(en: "A convolution: the kernel is rotated 180° first", ko: "합성곱: 커널을 먼저 180° 돌린다"),
                  feedback: Localized(en: "Conv2D slides the kernel as it is: a cross-correlation. Only the name says convolution.",
                                      ko: "Conv2D는 커널을 그대로 밀어 갑니다. 교차상관입니다. 이름만 합성곱입니다."),
                  diagnosis: .flipped),
                O(Localized(en: "A cross-correlation: the kernel is used as it is", ko: "교차상관: 커널을 그대로 쓴다")),
                O(Localized(en: "It depends on the padding", ko: "패딩에 따라 다르다"),
                  feedback: Localized(en: "Padding changes the output size, not whether the kernel is rotated.",
                                      ko: "패딩은 출력 크기를 바꿀 뿐, 커널을 돌리는지와는 상관없습니다.")),
            ],
            answer: 1,
            explain: Localized(en: "Learned kernels make the rotation pointless, so frameworks skip it: stride conv --mode correlate.",
                               ko: "커널은 학습되므로 돌릴 필요가 없어 프레임워크는 생략합니다: stride conv --mode correlate.")),
        ChoiceQuestion(
            Localized(en: "A Conv2D layer (3×3 kernel, 16 filters) gets a 64×64×3 input instead of 28×28×3. Its parameter count…",
                      ko: "Conv2D 층(3×3 커널, 필터 16개)의 입력이 28×28×3에서 64×64×3으로 바뀝니다. 파라미터 수는…"),
            options: [
                O(Localized(en: "grows with the input's area", ko: "입력 넓이에 따라 늘어난다"),
                  feedback: Localized(en: "The same kernels slide over any input size: 3·3·3·16 + 16 = 448 either way.",
                                      ko: "같은 커널이 어떤 크기의 입력이든 밀어 갑니다. 어느 쪽이든 3·3·3·16 + 16 = 448."),),
                O(Localized(en: "stays the same", ko: "그대로다")),
                O(Localized(en: "grows with the input's width only", ko: "입력 너비에만 비례해 늘어난다"),
                  feedback: Localized(en: "Neither width nor height enters k·k·c_in·c_out + c_out.",
                                      ko: "k·k·c_in·c_out + c_out에는 너비도 높이도 들어가지 않습니다.")),
            ],
            answer: 1,
            explain: Localized(en: "Parameters: k·k·c_in·c_out + c_out. The input size changes the output size, not the weights.",
                               ko: "파라미터: k·k·c_in·c_out + c_out. 입력 크기는 출력 크기를 바꾸지 가중치 수를 바꾸지 않습니다.")),
        ChoiceQuestion(
            Localized(en: "MaxPooling2D(pool_size=2) with no strides given: what is its stride?",
                      ko: "MaxPooling2D(pool_size=2)에 strides를 주지 않으면 스트라이드는?"),
            options: [
                O(Localized(en: "1", ko: "1"),
                  feedback: Localized(en: "That is Conv2D's default. Pooling's stride defaults to its pool size.",
                                      ko: "그것은 Conv2D의 기본값입니다. 풀링의 스트라이드 기본값은 풀 크기입니다."),
                  diagnosis: .poolStrideOne),
                O(Localized(en: "2 (the pool size)", ko: "2 (풀 크기)")),
                O(Localized(en: "It must always be given", ko: "항상 직접 줘야 한다"),
                  feedback: Localized(en: "Keras fills it in: strides=None means strides = pool_size.",
                                      ko: "Keras가 채웁니다. strides=None이면 strides = pool_size입니다.")),
            ],
            answer: 1,
            explain: Localized(en: "So windows do not overlap and a 28×28 map pools to 14×14.",
                               ko: "그래서 창이 겹치지 않고 28×28 맵은 14×14가 됩니다.")),
        ChoiceQuestion(
            Localized(en: "How many trainable parameters does a MaxPooling2D layer have?",
                      ko: "MaxPooling2D 층의 학습 파라미터는 몇 개일까요?"),
            options: [
                O(Localized(en: "pool_size × pool_size", ko: "pool_size × pool_size"),
                  feedback: Localized(en: "A pooling window has no weights: it only takes a max or a mean.",
                                      ko: "풀링 창에는 가중치가 없습니다. 최댓값이나 평균만 구합니다.")),
                O(Localized(en: "One per channel", ko: "채널마다 하나"),
                  feedback: Localized(en: "There is no bias either: model.summary() shows 0 for pooling.",
                                      ko: "절편도 없습니다. model.summary()에서 풀링은 0입니다."),
                  diagnosis: .noBias),
                O(Localized(en: "None", ko: "없다 (0개)")),
            ],
            answer: 2,
            explain: Localized(en: "Pooling is a fixed rule (max or average), so stride summary lists it with 0 parameters.",
                               ko: "풀링은 정해진 규칙(max 또는 평균)이라 stride summary에서 파라미터가 0입니다.")),
        ChoiceQuestion(
            Localized(en: "Which 3×3 kernel gives the same result under convolution and cross-correlation?",
                      ko: "합성곱과 교차상관에서 같은 결과를 내는 3×3 커널은?"),
            options: [
                O(Localized(en: "Sobel-x: -1 0 1; -2 0 2; -1 0 1", ko: "Sobel-x: -1 0 1; -2 0 2; -1 0 1"),
                  feedback: Localized(en: "Sobel-x is mirror-symmetric top to bottom, but rotating it 180° swaps its sign: the result changes sign.",
                                      ko: "Sobel-x는 위아래 대칭이지만 180° 돌리면 부호가 바뀝니다. 결과의 부호도 바뀝니다."),
                  diagnosis: .noFlip),
                O(Localized(en: "The blur: 1 2 1; 2 4 2; 1 2 1", ko: "블러: 1 2 1; 2 4 2; 1 2 1")),
                O(Localized(en: "Any kernel with a zero middle column", ko: "가운데 열이 0인 커널이면 모두"),
                  feedback: Localized(en: "Only a kernel equal to its own 180° rotation is unchanged.",
                                      ko: "180° 돌린 것과 같은 커널만 그대로입니다.")),
            ],
            answer: 1,
            explain: Localized(en: "Rotating the blur 180° gives the blur back; w = rot180(w) is the condition.",
                               ko: "블러를 180° 돌리면 그대로입니다. 조건은 w = rot180(w)입니다.")),
        ChoiceQuestion(
            Localized(en: "A 28×28 input, a 3×3 conv with padding='same' and strides=2. The output is…",
                      ko: "28×28 입력에 3×3 합성곱, padding='same', strides=2. 출력은…"),
            options: [
                O(Localized(en: "28×28", ko: "28×28"),
                  feedback: Localized(en: "'same' keeps the size only at stride 1; at stride 2 it gives ceil(28 / 2) = 14.",
                                      ko: "'same'은 스트라이드 1에서만 크기를 유지합니다. 스트라이드 2에서는 ceil(28 / 2) = 14."),
                  diagnosis: .sameKeepsSize),
                O(Localized(en: "14×14", ko: "14×14")),
                O(Localized(en: "13×13", ko: "13×13"),
                  feedback: Localized(en: "That is 'valid' padding: floor((28 − 3) / 2) + 1 = 13.",
                                      ko: "그것은 'valid' 패딩입니다: floor((28 − 3) / 2) + 1 = 13."),
                  diagnosis: .noPadding),
            ],
            answer: 1,
            explain: Localized(en: "'same': out = ceil(n / s) = ceil(28 / 2) = 14.", ko: "'same': out = ceil(n / s) = ceil(28 / 2) = 14.")),
        ChoiceQuestion(
            Localized(en: "2×2 max pooling (stride 2) on a 7×7 feature map gives…",
                      ko: "7×7 특성 맵에 2×2 최대 풀링(스트라이드 2)을 하면…"),
            options: [
                O(Localized(en: "4×4", ko: "4×4"),
                  feedback: Localized(en: "The last row and column have no full window and are dropped: floor((7 − 2) / 2) + 1 = 3.",
                                      ko: "마지막 행과 열은 창이 다 차지 않아 버려집니다: floor((7 − 2) / 2) + 1 = 3."),
                  diagnosis: .ceilNotFloor),
                O(Localized(en: "3×3", ko: "3×3")),
                O(Localized(en: "3.5×3.5", ko: "3.5×3.5"),
                  feedback: Localized(en: "Sizes are whole numbers: floor((7 − 2) / 2) + 1 = 3.",
                                      ko: "크기는 정수입니다: floor((7 − 2) / 2) + 1 = 3.")),
            ],
            answer: 1,
            explain: Localized(en: "With 'valid' pooling an odd size n pools to floor(n / 2).",
                               ko: "'valid' 풀링에서 홀수 크기 n은 floor(n / 2)가 됩니다.")),
        ChoiceQuestion(
            Localized(en: "A Conv2D layer with 32 filters of 3×3 on a 1-channel input: how many biases?",
                      ko: "1채널 입력에 3×3 필터 32개인 Conv2D 층의 절편은 몇 개?"),
            options: [
                O(Localized(en: "288 (one per weight)", ko: "288 (가중치마다 하나)"),
                  feedback: Localized(en: "A bias is added once per output value of a filter, not per weight.",
                                      ko: "절편은 필터의 출력마다 한 번 더해집니다. 가중치마다가 아닙니다."),
                  diagnosis: .biasPerWeight),
                O(Localized(en: "32 (one per filter)", ko: "32 (필터마다 하나)")),
                O(Localized(en: "1 for the whole layer", ko: "층 전체에 1개"),
                  feedback: Localized(en: "Each filter has its own bias: 3·3·1·32 + 32 = 320 parameters.",
                                      ko: "필터마다 절편이 따로 있습니다: 3·3·1·32 + 32 = 320.")),
            ],
            answer: 1,
            explain: Localized(en: "Parameters: 3·3·1·32 weights + 32 biases = 320.", ko: "파라미터: 가중치 3·3·1·32 + 절편 32 = 320.")),
    ]

    static let statements: [TrueFalseQuestion] = [
        TrueFalseQuestion(
            Localized(en: "ReLU turns negative inputs into 0 and leaves positive inputs unchanged.",
                      ko: "ReLU는 음수 입력을 0으로 바꾸고 양수 입력은 그대로 둔다."),
            answer: true,
            feedback: Localized(en: "ReLU(x) = max(0, x): ReLU(−3) = 0, ReLU(2.5) = 2.5. Positives are not scaled or capped.",
                                ko: "ReLU(x) = max(0, x): ReLU(−3) = 0, ReLU(2.5) = 2.5. 양수는 바뀌지 않습니다."),
            explain: Localized(en: "ReLU(x) = max(0, x).", ko: "ReLU(x) = max(0, x).")),
        TrueFalseQuestion(
            Localized(en: "ReLU maps every input into the range 0 to 1.", ko: "ReLU는 모든 입력을 0에서 1 사이로 바꾼다."),
            answer: false,
            feedback: Localized(en: "That is the sigmoid. ReLU keeps positives as they are: ReLU(7) = 7.",
                                ko: "그것은 시그모이드입니다. ReLU는 양수를 그대로 둡니다: ReLU(7) = 7."),
            explain: Localized(en: "ReLU(x) = max(0, x) has no upper bound.", ko: "ReLU(x) = max(0, x)에는 상한이 없습니다.")),
        TrueFalseQuestion(
            Localized(en: "Flipping the Sobel-x kernel upside down leaves it unchanged, so convolution and correlation give the same result with it.",
                      ko: "Sobel-x 커널은 위아래를 뒤집어도 같으므로 합성곱과 교차상관의 결과가 같다."),
            answer: false,
            feedback: Localized(en: "Convolution rotates by 180° (up-down and left-right): Sobel-x becomes −Sobel-x, so the output changes sign.",
                                ko: "합성곱은 180° 돌립니다 (위아래와 좌우). Sobel-x는 −Sobel-x가 되어 출력의 부호가 바뀝니다."),
            diagnosis: .noFlip,
            explain: Localized(en: "Same result only when w = rot180(w).", ko: "w = rot180(w)일 때만 결과가 같습니다.")),
        TrueFalseQuestion(
            Localized(en: "A Dense layer's bias adds one parameter per unit.", ko: "밀집층의 절편은 유닛마다 파라미터를 하나 더한다."),
            answer: true,
            feedback: Localized(en: "inputs·units weights + units biases: one bias per unit.",
                                ko: "가중치 inputs·units개 + 절편 units개: 유닛마다 절편 하나."),
            explain: Localized(en: "Dense: inputs·units + units.", ko: "Dense: inputs·units + units.")),
        TrueFalseQuestion(
            Localized(en: "padding='same' always keeps the output the same size as the input.",
                      ko: "padding='same'은 언제나 출력 크기를 입력과 같게 한다."),
            answer: false,
            feedback: Localized(en: "Only at stride 1. At stride s the output is ceil(n / s): 28 at stride 2 gives 14.",
                                ko: "스트라이드 1일 때만입니다. 스트라이드 s에서는 ceil(n / s): 28은 스트라이드 2에서 14."),
            diagnosis: .sameKeepsSize,
            explain: Localized(en: "'same': out = ceil(n / s).", ko: "'same': out = ceil(n / s).")),
        TrueFalseQuestion(
            Localized(en: "A 3×3 convolution on a 3-channel input has 3·3·3 = 27 weights per filter.",
                      ko: "3채널 입력에 대한 3×3 합성곱은 필터마다 가중치가 3·3·3 = 27개다."),
            answer: true,
            feedback: Localized(en: "Each filter spans every input channel: k·k·c_in = 27 weights (plus one bias).",
                                ko: "필터는 모든 입력 채널에 걸칩니다: k·k·c_in = 27개 (절편 하나 추가)."),
            diagnosis: .noInputChannels,
            explain: Localized(en: "k·k·c_in weights per filter, then one bias.", ko: "필터마다 가중치 k·k·c_in개, 그리고 절편 하나.")),
    ]
}
