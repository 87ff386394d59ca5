class Account(AccountBase):  # noqa: F821 - only read by the code generator
    pass


class Owner(OwnerBase):  # noqa: F821
    pass
