extension Collection {
    /// The index of the first element that satisfies `belongsToSecondPart`, found by halving: the collection
    /// must be partitioned by it (all elements that do not come before all that do).
    func partitioningIndex(where belongsToSecondPart: (Element) -> Bool) -> Index {
        var low = startIndex
        var length = count
        while length > 0 {
            let half = length / 2
            let middle = index(low, offsetBy: half)
            if belongsToSecondPart(self[middle]) {
                length = half
            } else {
                low = index(after: middle)
                length -= half + 1
            }
        }
        return low
    }
}
