extension [InlineCode] {
    /// The code with an id. The readers number codes 1, 2, 3… in order, so a number is looked for by
    /// halving (a paragraph with thousands of values would otherwise cost time in the square of their count);
    /// any other id, or a list in another order, is looked for one by one.
    func code(_ id: String) -> InlineCode? {
        if let wanted = Int(id) {
            var low = 0
            var high = count
            while low < high {
                let middle = (low + high) / 2
                guard let number = Int(self[middle].id) else { break }
                if number < wanted { low = middle + 1 } else { high = middle }
            }
            if low < count, self[low].id == id { return self[low] }
        }
        return first { $0.id == id }
    }
}
