"""The guard: a post's rendered payload, the policy's rules, and the verdict."""
