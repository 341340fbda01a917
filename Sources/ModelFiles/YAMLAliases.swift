import CYaml

/// Refuses YAML aliases (`*name`) before a document is built.
///
/// An alias repeats a whole subtree, so nine levels of ten aliases stand for 10⁹ nodes in
/// a few hundred bytes, and an alias used as a mapping key (`? *j : 1`) makes Yams hash
/// that subtree, which takes hours. No Stride format needs aliases (model files, lesson
/// front matter and blocks, checkpoint metadata), so every YAML entry point calls this
/// first. It runs libyaml's scanner (the same tokenizer Yams uses), so quoted scalars,
/// block scalars and comments that merely contain `*` or `&` are not mistaken for aliases;
/// scanning is linear in the input and builds nothing.
public enum YAMLAliases {
    /// The message every entry point shows (after `file:line:`).
    public static let message = "YAML aliases (*name) are not allowed in Stride files; write the value out instead"

    /// The 1-based line of the first alias in `yaml`, or nil when there is none. When the
    /// scanner fails (invalid YAML) this returns nil and the parser reports the error.
    public static func firstAliasLine(in yaml: String) -> Int? {
        var bytes = Array(yaml.utf8)
        if bytes.isEmpty { return nil }
        bytes.append(0)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count - 1)
            while true {
                var token = yaml_token_t()
                guard yaml_parser_scan(&parser, &token) == 1 else { return nil }
                let type = token.type
                let line = Int(token.start_mark.line) + 1
                yaml_token_delete(&token)
                switch type {
                case YAML_ALIAS_TOKEN: return line
                case YAML_STREAM_END_TOKEN, YAML_NO_TOKEN: return nil
                default: continue
                }
            }
        }
    }
}
