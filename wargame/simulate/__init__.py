"""`wargame simulate`: many complete bot games of a scenario, and what they show.

    batches = runner.plan(source, label, levels, seed=1, games=1000)   # pure tasks
    results = runner.run(batches, executor)          # here, in processes, or on Dask
    summary = summary.summarize(scenario, 1, levels, results)   # pure, in game order
    output.json_text(summary); output.csv_text(scenario, results)

A game is a pure task (`task.play_batch`: scenario text, seeds and bot levels
in, small records out), so where it runs cannot change it; see
docs/DECISIONS.md, "Simulation". The modules are imported by name (nothing is
imported here), so that `wargame`'s option parsing stays light.
"""
