/// Told how far a run over documents has come: the documents done, of how many, and the one just done (its
/// path from the project root). Called once per document, from whichever worker finished it.
public typealias ProgressHandler = @Sendable (_ done: Int, _ total: Int, _ path: String) -> Void
