"""sellerops: a self-hosted operations desk for Amazon sellers."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sellerops")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0"
