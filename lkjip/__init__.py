"""lkjip: the LKjIP of every kecamatan of Kabupaten Banyumas, generated from data."""

__version__ = "0.1.0"
