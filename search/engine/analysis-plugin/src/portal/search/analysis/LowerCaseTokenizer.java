package portal.search.analysis;

import java.io.IOException;

import org.apache.lucene.analysis.CharacterUtils;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Runs of letters, lower-cased as they are read: Lucene's old LowerCaseTokenizer. Lucene 9
 * removed it (CharTokenizer lost its normalize hook, and its incrementToken is final), so
 * analysis-common keeps a private copy (XLowerCaseTokenizer) for its `lowercase` tokenizer; this
 * is the same loop. Tokens are cut at 255 characters, as by LetterTokenizer.
 */
final class LowerCaseTokenizer extends Tokenizer {

    private static final int MAX_TOKEN_LENGTH = CharTokenizer.DEFAULT_MAX_WORD_LEN;

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsets = addAttribute(OffsetAttribute.class);
    private final CharacterUtils.CharacterBuffer io = CharacterUtils.newCharacterBuffer(4096);

    private int offset; // chars of input before io's current contents
    private int bufferIndex;
    private int dataLength;
    private int finalOffset;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        int length = 0;
        int start = -1;
        int end = -1;
        char[] buffer = term.buffer();
        while (true) {
            if (bufferIndex >= dataLength) {
                offset += dataLength;
                CharacterUtils.fill(io, input); // keeps surrogate pairs together
                if (io.getLength() == 0) {
                    dataLength = 0;
                    if (length > 0) {
                        break;
                    }
                    finalOffset = correctOffset(offset);
                    return false;
                }
                dataLength = io.getLength();
                bufferIndex = 0;
            }
            int c = Character.codePointAt(io.getBuffer(), bufferIndex, io.getLength());
            int charCount = Character.charCount(c);
            bufferIndex += charCount;
            if (Character.isLetter(c)) {
                if (length == 0) {
                    start = offset + bufferIndex - charCount;
                    end = start;
                } else if (length >= buffer.length - 1) {
                    buffer = term.resizeBuffer(2 + length); // room for a surrogate pair
                }
                end += charCount;
                length += Character.toChars(Character.toLowerCase(c), buffer, length);
                if (length >= MAX_TOKEN_LENGTH) {
                    break;
                }
            } else if (length > 0) {
                break;
            }
        }
        term.setLength(length);
        offsets.setOffset(correctOffset(start), finalOffset = correctOffset(end));
        return true;
    }

    @Override
    public void end() throws IOException {
        super.end();
        offsets.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        offset = 0;
        bufferIndex = 0;
        dataLength = 0;
        finalOffset = 0;
        io.reset();
    }
}
