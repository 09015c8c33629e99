"""Tools for the people who write katas: scaffolding a new kata (`scaffold`), checking every
kata's structure (`structure`) and keeping the README's table of katas in step with the
catalogue (`readme`)."""
