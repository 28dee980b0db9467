/// Memory entries as compact bytes for ``MemoryIndex``: lengths as LEB128 varints, strings as UTF-8. Only what
/// the TMX file keeps is kept (a code's id, kind, opening and closing), so an entry decodes as it reads from TMX.
enum EntryCoding {
    static func encode(_ entry: TranslationMemory.Entry, into bytes: inout [UInt8]) {
        segment(entry.source, into: &bytes)
        segment(entry.target, into: &bytes)
        let codes = entry.codes.values.sorted { $0.id < $1.id }
        varint(codes.count, into: &bytes)
        for code in codes {
            for text in [code.id, code.kind.rawValue, code.opening, code.closing] { string(text, into: &bytes) }
        }
        if let document = entry.document {
            bytes.append(1)
            string(document, into: &bytes)
        } else {
            bytes.append(0)
        }
    }

    private static func segment(_ segment: Segment, into bytes: inout [UInt8]) {
        varint(segment.pieces.count, into: &bytes)
        for piece in segment.pieces {
            switch piece {
            case .text(let text):
                bytes.append(0)
                string(text, into: &bytes)
            case .start(let id):
                bytes.append(1)
                string(id, into: &bytes)
            case .end(let id):
                bytes.append(2)
                string(id, into: &bytes)
            case .placeholder(let id):
                bytes.append(3)
                string(id, into: &bytes)
            }
        }
    }

    private static func string(_ text: String, into bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            varint(utf8.count, into: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    static func varint(_ value: Int, into bytes: inout [UInt8]) {
        var value = UInt64(value)
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    /// Reads entries back from bytes ``encode`` wrote; the bytes are trusted (a cache ccl10n made, checked by
    /// its header), but a read never goes past `end`.
    struct Reader {
        let bytes: MappedBytes
        var offset: Int
        let end: Int

        mutating func entry() -> TranslationMemory.Entry {
            let source = segment()
            let target = segment()
            var codes: [String: InlineCode] = [:]
            for _ in 0..<varint() {
                let id = string()
                let kind = InlineCode.Kind(rawValue: string()) ?? .html
                let opening = string()
                let closing = string()
                codes[id] = InlineCode(id: id, kind: kind, opening: opening, closing: closing)
            }
            let document = byte() == 1 ? string() : nil
            return TranslationMemory.Entry(source: source, target: target, codes: codes, document: document)
        }

        /// The source segment alone (the start of an entry).
        mutating func segment() -> Segment {
            var pieces: [Segment.Piece] = []
            for _ in 0..<varint() {
                let tag = byte()
                let text = string()
                pieces.append(
                    tag == 0 ? .text(text) : tag == 1 ? .start(text) : tag == 2 ? .end(text) : .placeholder(text))
            }
            return Segment(pieces)
        }

        private mutating func byte() -> UInt8 {
            guard offset < end else { return 0 }
            defer { offset += 1 }
            return bytes.base.load(fromByteOffset: offset, as: UInt8.self)
        }

        private mutating func varint() -> Int {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < end, shift < 64 {
                let byte = byte()
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return Int(min(value, UInt64(end - offset)))
        }

        private mutating func string() -> String {
            let count = min(varint(), end - offset)
            defer { offset += count }
            return String(decoding: UnsafeRawBufferPointer(start: bytes.base + offset, count: count), as: UTF8.self)
        }
    }
}
