"""The teaching messages of each kata's tests, one module per kata (named after its topic).

The tests format them into their failures; the repo's own tests import them to check that each
wrong solution fails with the message that names its mistake.
"""
