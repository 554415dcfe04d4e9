// A row of a blocker's photos as small thumbnails; a tap shows the photo full size.

import type { BlockerPhoto } from "@jiati/shared";
import { Image } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";

export function PhotoThumbs({ photos }: { photos: BlockerPhoto[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (photos.length === 0) return null;
  return (
    <div className="photo-thumbs" data-testid="blocker-photos">
      <Image.PreviewGroup>
        {photos.map((photo) => (
          <Image
            key={photo.id}
            src={photo.url}
            width={72}
            height={72}
            className="photo-thumb"
            alt={t("supervision.photoAlt", { time: fmt.dateTime(photo.at) })}
            data-testid={`blocker-photo-${photo.id}`}
          />
        ))}
      </Image.PreviewGroup>
    </div>
  );
}
