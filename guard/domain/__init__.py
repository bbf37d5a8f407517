"""The pure core: election law, the register and the guard's rules. No I/O, clock or framework."""
