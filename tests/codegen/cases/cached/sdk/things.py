class Team(TeamBase):  # noqa: F821 - only read by the code generator
    pass


class Person(PersonBase):  # noqa: F821
    pass
