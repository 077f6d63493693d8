"""The graph side: IRIs, the fact-writing context, the store, the build, lookups and exports."""
