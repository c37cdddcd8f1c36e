/// The prompts whose entries are kept across runs.
public enum PromptHistory: Sendable, CaseIterable {
  case filter
  case search
}
