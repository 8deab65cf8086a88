"""What the printed paperwork carries beyond the workshop data: signatories and the berita acara."""
