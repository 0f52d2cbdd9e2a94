"""用水用气报装 (utility connection with remote survey booking) and 就近办 (nearby service points):
their screens and tiles, with their own translations (i18n/utility_zh_CN.ts)."""
